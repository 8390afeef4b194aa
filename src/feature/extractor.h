/*
 * The feature-extractor interface: what one metric family (vif, adm, motion,
 * psnr, ...) provides to the library core.
 *
 * An extractor is a const descriptor. The core creates instances: it allocates
 * `priv_size` zeroed bytes, parses the options dictionary into `priv` through the
 * option table (each option lives at `offset` inside priv), then calls init().
 * For extractors without VMAFX_FEX_TEMPORAL / VMAFX_FEX_PREV_REF the core may
 * create several instances (one per worker thread) and call extract() for
 * different frames concurrently on different instances, so such extractors must
 * keep no cross-frame state. TEMPORAL and PREV_REF extractors see every frame, in
 * submission order, on one instance.
 */
#ifndef VMAFX_SRC_FEATURE_EXTRACTOR_H
#define VMAFX_SRC_FEATURE_EXTRACTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "libvmaf/picture.h"

enum VmafxOptionType {
    VMAFX_OPT_BOOL,   /* stored as bool;   text must be exactly "true"/"false" */
    VMAFX_OPT_INT,    /* stored as int;    atoi() + range check */
    VMAFX_OPT_DOUBLE, /* stored as double; atof() + range check */
    VMAFX_OPT_STRING, /* stored as const char * (points into the instance's dictionary) */
};

typedef struct VmafxOption {
    const char *name;  /* dictionary key, e.g. "vif_enhn_gain_limit" */
    const char *alias; /* name used in key suffixes, e.g. "egl"; NULL: use name */
    enum VmafxOptionType type;
    size_t offset;     /* offsetof(<priv struct>, field) */
    union {
        bool b;
        int i;
        double d;
        const char *s;
    } def;
    double min, max;    /* inclusive range for INT and DOUBLE */
    bool feature_param; /* a non-default value changes the output key names */
} VmafxOption;

enum VmafxFexFlags {
    VMAFX_FEX_TEMPORAL = 1 << 0, /* keeps state across frames; never split or skipped */
    VMAFX_FEX_PREV_REF = 1 << 1, /* compares with earlier reference frames */
};

/* The core's handle given to every callback: writes values, tells CPU flags. */
typedef struct VmafxFexCtx VmafxFexCtx;

typedef struct VmafxFeatureExtractor {
    const char *name;              /* "--feature" name, e.g. "vif" */
    const VmafxOption *options;    /* terminated by an entry with name == NULL; may be NULL */
    size_t priv_size;
    unsigned flags;                /* enum VmafxFexFlags */
    const char *const *provided;   /* NULL-terminated output names a model may ask for */

    /* Optional: validates the parsed options (priv holds only options here) when
     * the extractor is registered, so that a bad value is reported at once rather
     * than at the first picture. Returns 0 or -EINVAL. */
    int (*check_options)(const void *priv);
    /* Called once per instance after the options are parsed into priv.
     * Geometry is that of the first picture pair. Returns 0 or -errno. */
    int (*init)(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                unsigned bpc, unsigned w, unsigned h);
    /* Computes frame `index` and writes its values with vmafx_fex_write(). */
    int (*extract)(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                   const VmafPicture *dist, unsigned index);
    /* End of stream (optional). Returns 0 when done, or -errno. */
    int (*flush)(VmafxFexCtx *ctx, void *priv);
    /* Frees what init() allocated (optional). Must accept a priv whose init failed
     * or never ran (all allocations still NULL). */
    void (*close)(void *priv);
} VmafxFeatureExtractor;

/*
 * Writes `value` for output `name` (un-suffixed, e.g.
 * "VMAF_integer_feature_vif_scale0_score") at `index`. The core turns the name into
 * the store key (alias + option suffixes when feature parameters differ from their
 * defaults). Returns 0, -EINVAL (already written) or -ENOMEM.
 */
int vmafx_fex_write(VmafxFexCtx *ctx, const char *name, double value, unsigned index);

/*
 * As vmafx_fex_write(), but the store key is `name` verbatim: no alias, no option
 * suffix. For the few outputs upstream never suffixes (cambi's full-reference keys).
 */
int vmafx_fex_write_unsuffixed(VmafxFexCtx *ctx, const char *name, double value,
                               unsigned index);

/* Reads back a value this instance wrote (same name rule). 0 or -EINVAL when absent. */
int vmafx_fex_read(VmafxFexCtx *ctx, const char *name, unsigned index, double *value);

/* Stores a per-run aggregate value (e.g. "apsnr_y"); printed as is, never pooled. */
int vmafx_fex_write_aggregate(VmafxFexCtx *ctx, const char *name, double value);

/* CPU feature flags allowed for this context (detected & ~cpumask), VMAFX_CPU_* bits. */
unsigned vmafx_fex_cpu_flags(const VmafxFexCtx *ctx);

#endif /* VMAFX_SRC_FEATURE_EXTRACTOR_H */
