/*
 * Command-line parsing: a small table-driven parser (long options with unique
 * prefixes, "--opt value" and "--opt=value", short options with attached or
 * separate values, bundled short flags). No getopt: it keeps no hidden state,
 * so the fuzzer can call it repeatedly.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"

enum OptId {
    OPT_REFERENCE, OPT_DISTORTED, OPT_WIDTH, OPT_HEIGHT, OPT_PIXEL_FORMAT, OPT_BITDEPTH,
    OPT_MODEL, OPT_OUTPUT, OPT_XML, OPT_JSON, OPT_CSV, OPT_SUB, OPT_THREADS, OPT_FEATURE,
    OPT_SUBSAMPLE, OPT_CPUMASK, OPT_GPUMASK, OPT_AOM_CTC, OPT_NFLX_CTC, OPT_FRAME_CNT,
    OPT_FRAME_SKIP_REF, OPT_FRAME_SKIP_DIST, OPT_NO_PREDICTION, OPT_VERSION, OPT_QUIET,
    OPT_HELP, OPT_LIST_MODELS, OPT_LIST_FEATURES, OPT_PERCENTILES,
};

typedef struct OptDef {
    const char *name;
    char short_name;  /* 0: long only */
    int has_arg;
    enum OptId id;
} OptDef;

static const OptDef opt_defs[] = {
    { "reference",       'r', 1, OPT_REFERENCE },
    { "distorted",       'd', 1, OPT_DISTORTED },
    { "width",           'w', 1, OPT_WIDTH },
    { "height",          'h', 1, OPT_HEIGHT },
    { "pixel_format",    'p', 1, OPT_PIXEL_FORMAT },
    { "bitdepth",        'b', 1, OPT_BITDEPTH },
    { "model",           'm', 1, OPT_MODEL },
    { "output",          'o', 1, OPT_OUTPUT },
    { "xml",              0,  0, OPT_XML },
    { "json",             0,  0, OPT_JSON },
    { "csv",              0,  0, OPT_CSV },
    { "sub",              0,  0, OPT_SUB },
    { "threads",          0,  1, OPT_THREADS },
    { "feature",          0,  1, OPT_FEATURE },
    { "subsample",        0,  1, OPT_SUBSAMPLE },
    { "cpumask",         'c', 1, OPT_CPUMASK },
    { "gpumask",          0,  1, OPT_GPUMASK },
    { "aom_ctc",          0,  1, OPT_AOM_CTC },
    { "nflx_ctc",         0,  1, OPT_NFLX_CTC },
    { "frame_cnt",        0,  1, OPT_FRAME_CNT },
    { "frame_skip_ref",   0,  1, OPT_FRAME_SKIP_REF },
    { "frame_skip_dist",  0,  1, OPT_FRAME_SKIP_DIST },
    { "no_prediction",   'n', 0, OPT_NO_PREDICTION },
    { "version",         'v', 0, OPT_VERSION },
    { "quiet",           'q', 0, OPT_QUIET },
    { "help",             0,  0, OPT_HELP },
    { "list-models",      0,  0, OPT_LIST_MODELS },
    { "list_models",      0,  0, OPT_LIST_MODELS },
    { "list-features",    0,  0, OPT_LIST_FEATURES },
    { "percentiles",      0,  1, OPT_PERCENTILES },
    { "list_features",    0,  0, OPT_LIST_FEATURES },
};

#define N_OPT_DEFS (sizeof(opt_defs) / sizeof(opt_defs[0]))

/* CTC presets: the models and features each version adds (reference-inventory A2). */
static const char *const aom_models[] = {
    "version=vmaf_v0.6.1:name=vmaf", "version=vmaf_v0.6.1neg:name=vmaf_neg", NULL,
};
static const char *const aom_v1_features[] = {
    "psnr=reduced_hbd_peak=true:enable_apsnr=true:min_sse=0.5", "ciede",
    "float_ssim=enable_db=true:clip_db=true", "float_ms_ssim=enable_db=true:clip_db=true",
    "psnr_hvs", NULL,
};
static const char *const aom_v3_features[] = {
    "psnr=reduced_hbd_peak=true:enable_apsnr=true:min_sse=0.5", "ciede",
    "float_ssim=enable_db=true:clip_db=true", "float_ms_ssim=enable_db=true:clip_db=true",
    "psnr_hvs", "cambi", NULL,
};
static const char *const aom_v7_features[] = {
    "psnr=reduced_hbd_peak=true:enable_apsnr=true:min_sse=0.5", "ciede",
    "float_ssim=scale=1:enable_db=true:clip_db=true",
    "float_ms_ssim=enable_db=true:clip_db=true", "psnr_hvs", "cambi", NULL,
};
static const char *const nflx_models[] = {
    "version=vmaf_4k_v0.6.1:name=vmaf", "version=vmaf_4k_v0.6.1neg:name=vmaf_neg", NULL,
};
static const char *const nflx_features[] = {
    "psnr=enable_chroma=true:enable_apsnr=true", "float_ssim=enable_db=true:clip_db=true",
    "cambi", NULL,
};

typedef struct CtcPreset {
    int aom;           /* 1: --aom_ctc, 0: --nflx_ctc */
    const char *version;
    const char *const *models;
    const char *const *features;
    int common_bitdepth;
} CtcPreset;

static const CtcPreset ctc_presets[] = {
    { 1, "v1.0", aom_models, aom_v1_features, 0 },
    { 1, "v2.0", aom_models, aom_v1_features, 0 },
    { 1, "v3.0", aom_models, aom_v3_features, 0 },
    { 1, "v4.0", aom_models, aom_v3_features, 0 },
    { 1, "v5.0", aom_models, aom_v3_features, 0 },
    { 1, "v6.0", aom_models, aom_v3_features, 1 },
    { 1, "v7.0", aom_models, aom_v7_features, 1 },
    { 0, "v1.0", nflx_models, nflx_features, 0 },
};

/* Decimal (or 0x-prefixed hex when allow_hex) integer in [min, max]; nothing else. */
static int parse_u64(const char *s, uint64_t min, uint64_t max, int allow_hex, uint64_t *out)
{
    if (*s < '0' || *s > '9')
        return -EINVAL; /* no sign, no blanks, not empty */
    int base = 10;
    if (allow_hex && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F')))
            return -EINVAL;
    }
    char *end;
    errno = 0;
    const unsigned long long v = strtoull(s, &end, base);
    if (errno || *end || v < min || v > max)
        return -EINVAL;
    *out = v;
    return 0;
}

/* "--percentiles 1,5,50,95": comma-separated numbers in [0, 100]. */
static int parse_percentiles(CliSettings *s, const char *shown, const char *val, char *err,
                             size_t err_size)
{
    s->n_percentiles = 0;
    const char *p = val;
    for (;;) {
        char *end;
        errno = 0;
        double v = strtod(p, &end);
        if (end == p || errno || !(v >= 0.0 && v <= 100.0) || (*end && *end != ',')) {
            snprintf(err, err_size,
                     "invalid value '%.64s' for %s (expected comma-separated numbers in [0,100])",
                     val, shown);
            return -EINVAL;
        }
        if (s->n_percentiles == CLI_MAX_PERCENTILES) {
            snprintf(err, err_size, "too many values for %s (at most %d)", shown,
                     CLI_MAX_PERCENTILES);
            return -EINVAL;
        }
        s->percentiles[s->n_percentiles++] = v;
        if (!*end)
            return 0;
        p = end + 1;
    }
}

static int parse_uint_opt(const char *opt, const char *val, unsigned min, unsigned max,
                          unsigned *out, char *err, size_t err_size)
{
    uint64_t v;
    if (parse_u64(val, min, max, 0, &v)) {
        snprintf(err, err_size, "invalid value '%.64s' for %s (expected an integer %u..%u)",
                 val, opt, min, max);
        return -EINVAL;
    }
    *out = (unsigned)v;
    return 0;
}

static int add_ctc(CliSettings *s, int aom, const char *val, char *err, size_t err_size)
{
    const char *flag = aom ? "--aom_ctc" : "--nflx_ctc";
    if (aom && !strcmp(val, "proposed")) {
        snprintf(err, err_size, "--aom_ctc proposed is deprecated; use v1.0 .. v7.0");
        return -EINVAL;
    }
    for (size_t i = 0; i < sizeof(ctc_presets) / sizeof(ctc_presets[0]); i++) {
        const CtcPreset *p = &ctc_presets[i];
        if (p->aom != aom || strcmp(p->version, val))
            continue;
        for (const char *const *m = p->models; *m; m++) {
            if (s->n_models >= CLI_MAX_MODELS) {
                snprintf(err, err_size, "too many models (at most %d)", CLI_MAX_MODELS);
                return -EINVAL;
            }
            s->model_args[s->n_models++] = *m;
        }
        for (const char *const *f = p->features; *f; f++) {
            if (s->n_features >= CLI_MAX_FEATURES) {
                snprintf(err, err_size, "too many features (at most %d)", CLI_MAX_FEATURES);
                return -EINVAL;
            }
            s->feature_args[s->n_features++] = *f;
        }
        s->common_bitdepth |= p->common_bitdepth;
        return 0;
    }
    snprintf(err, err_size, "unknown %s version '%.32s' (expected %s)", flag, val,
             aom ? "v1.0 .. v7.0" : "v1.0");
    return -EINVAL;
}

enum RawBits { RAW_W = 1, RAW_H = 2, RAW_P = 4, RAW_B = 8, RAW_ALL = 15 };

static int apply_opt(CliSettings *s, const OptDef *o, const char *val, const char *shown,
                     char *err, size_t err_size)
{
    unsigned u;
    uint64_t v64;
    switch (o->id) {
    case OPT_REFERENCE: s->ref_path = val; return 0;
    case OPT_DISTORTED: s->dist_path = val; return 0;
    case OPT_WIDTH:
        s->raw_given |= RAW_W;
        return parse_uint_opt(shown, val, 1, INPUT_MAX_DIM, &s->raw.w, err, err_size);
    case OPT_HEIGHT:
        s->raw_given |= RAW_H;
        return parse_uint_opt(shown, val, 1, INPUT_MAX_DIM, &s->raw.h, err, err_size);
    case OPT_PIXEL_FORMAT:
        s->raw_given |= RAW_P;
        if (!strcmp(val, "420")) s->raw.pix_fmt = VMAF_PIX_FMT_YUV420P;
        else if (!strcmp(val, "422")) s->raw.pix_fmt = VMAF_PIX_FMT_YUV422P;
        else if (!strcmp(val, "444")) s->raw.pix_fmt = VMAF_PIX_FMT_YUV444P;
        else {
            snprintf(err, err_size, "invalid value '%.64s' for %s (expected 420, 422 or 444)",
                     val, shown);
            return -EINVAL;
        }
        return 0;
    case OPT_BITDEPTH:
        s->raw_given |= RAW_B;
        if (parse_uint_opt(shown, val, 8, 16, &u, err, err_size) ||
            (u != 8 && u != 10 && u != 12 && u != 16)) {
            snprintf(err, err_size, "invalid value '%.64s' for %s (expected 8, 10, 12 or 16)",
                     val, shown);
            return -EINVAL;
        }
        s->raw.bpc = u;
        return 0;
    case OPT_MODEL:
        if (s->n_models >= CLI_MAX_MODELS) {
            snprintf(err, err_size, "too many models (at most %d)", CLI_MAX_MODELS);
            return -EINVAL;
        }
        s->model_args[s->n_models++] = val;
        return 0;
    case OPT_FEATURE:
        if (s->n_features >= CLI_MAX_FEATURES) {
            snprintf(err, err_size, "too many features (at most %d)", CLI_MAX_FEATURES);
            return -EINVAL;
        }
        s->feature_args[s->n_features++] = val;
        return 0;
    case OPT_OUTPUT:
        if (!*val) {
            snprintf(err, err_size, "empty path for %s", shown);
            return -EINVAL;
        }
        s->output_path = val;
        return 0;
    case OPT_XML: s->output_fmt = VMAF_OUTPUT_FORMAT_XML; return 0;
    case OPT_JSON: s->output_fmt = VMAF_OUTPUT_FORMAT_JSON; return 0;
    case OPT_CSV: s->output_fmt = VMAF_OUTPUT_FORMAT_CSV; return 0;
    case OPT_SUB: s->output_fmt = VMAF_OUTPUT_FORMAT_SUB; return 0;
    case OPT_THREADS:
        return parse_uint_opt(shown, val, 0, CLI_MAX_THREADS, &s->threads, err, err_size);
    case OPT_SUBSAMPLE:
        return parse_uint_opt(shown, val, 1, 1000000, &s->subsample, err, err_size);
    case OPT_PERCENTILES:
        return parse_percentiles(s, shown, val, err, err_size);
    case OPT_CPUMASK:
    case OPT_GPUMASK:
        if (parse_u64(val, 0, UINT64_MAX, 1, &v64)) {
            snprintf(err, err_size,
                     "invalid value '%.64s' for %s (expected a decimal or 0x-hex bitmask)",
                     val, shown);
            return -EINVAL;
        }
        *(o->id == OPT_CPUMASK ? &s->cpumask : &s->gpumask) = v64;
        return 0;
    case OPT_AOM_CTC: return add_ctc(s, 1, val, err, err_size);
    case OPT_NFLX_CTC: return add_ctc(s, 0, val, err, err_size);
    case OPT_FRAME_CNT:
        return parse_uint_opt(shown, val, 0, UINT32_MAX, &s->frame_cnt, err, err_size);
    case OPT_FRAME_SKIP_REF:
        return parse_uint_opt(shown, val, 0, UINT32_MAX, &s->frame_skip_ref, err, err_size);
    case OPT_FRAME_SKIP_DIST:
        return parse_uint_opt(shown, val, 0, UINT32_MAX, &s->frame_skip_dist, err, err_size);
    case OPT_NO_PREDICTION: s->no_prediction = 1; return 0;
    case OPT_QUIET: s->quiet = 1; return 0;
    case OPT_VERSION: s->action = CLI_ACTION_VERSION; return 0;
    case OPT_HELP: s->action = CLI_ACTION_HELP; return 0;
    case OPT_LIST_MODELS: s->action = CLI_ACTION_LIST_MODELS; return 0;
    case OPT_LIST_FEATURES: s->action = CLI_ACTION_LIST_FEATURES; return 0;
    }
    return -EINVAL;
}

/* Exact long name, else the only option the name is a prefix of. */
static const OptDef *find_long(const char *name, size_t len, int *ambiguous)
{
    const OptDef *hit = NULL;
    *ambiguous = 0;
    for (size_t i = 0; i < N_OPT_DEFS; i++) {
        if (strncmp(opt_defs[i].name, name, len))
            continue;
        if (!opt_defs[i].name[len])
            return &opt_defs[i];
        if (hit && hit->id != opt_defs[i].id)
            *ambiguous = 1;
        hit = &opt_defs[i];
    }
    return *ambiguous ? NULL : hit;
}

static const OptDef *find_short(char c)
{
    for (size_t i = 0; i < N_OPT_DEFS; i++)
        if (opt_defs[i].short_name && opt_defs[i].short_name == c)
            return &opt_defs[i];
    return NULL;
}

static int check_settings(CliSettings *s, char *err, size_t err_size)
{
    if (!s->ref_path || !s->dist_path) {
        snprintf(err, err_size, "missing %s input (use -r REF -d DIST)",
                 s->ref_path ? "distorted (-d)" : "reference (-r)");
        return -EINVAL;
    }
    if (!*s->ref_path || !*s->dist_path) {
        snprintf(err, err_size, "empty input path");
        return -EINVAL;
    }
    if (!strcmp(s->ref_path, "-") && !strcmp(s->dist_path, "-")) {
        snprintf(err, err_size, "only one of -r and -d can read stdin ('-')");
        return -EINVAL;
    }
    if (s->raw_given && s->raw_given != RAW_ALL) {
        const int m = s->raw_given;
        snprintf(err, err_size, "raw .yuv input needs all of -w, -h, -p and -b (missing%s%s%s%s)",
                 m & RAW_W ? "" : " -w", m & RAW_H ? "" : " -h", m & RAW_P ? "" : " -p",
                 m & RAW_B ? "" : " -b");
        return -EINVAL;
    }
    return 0;
}

int cli_parse_args(CliSettings *s, int argc, char *const *argv, char *err, size_t err_size)
{
    memset(s, 0, sizeof(*s));
    s->output_fmt = VMAF_OUTPUT_FORMAT_XML;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || !arg[1]) {
            snprintf(err, err_size, "unexpected argument '%.64s'", arg);
            return -EINVAL;
        }
        if (arg[1] == '-') {
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            const size_t len = eq ? (size_t)(eq - name) : strlen(name);
            int ambiguous;
            const OptDef *o = len ? find_long(name, len, &ambiguous) : NULL;
            if (!o) {
                snprintf(err, err_size, "%s option '--%.*s'",
                         len && ambiguous ? "ambiguous" : "unknown", (int)(len > 64 ? 64 : len),
                         name);
                return -EINVAL;
            }
            char shown[40];
            snprintf(shown, sizeof(shown), "--%s", o->name);
            const char *val = NULL;
            if (o->has_arg) {
                if (eq)
                    val = eq + 1;
                else if (i + 1 < argc)
                    val = argv[++i];
                else {
                    snprintf(err, err_size, "option %s needs a value", shown);
                    return -EINVAL;
                }
            } else if (eq) {
                snprintf(err, err_size, "option %s takes no value", shown);
                return -EINVAL;
            }
            if (apply_opt(s, o, val, shown, err, err_size))
                return -EINVAL;
            if (s->action != CLI_ACTION_RUN)
                return 0;
            continue;
        }
        /* one or more short options: "-nq", "-w576", "-w 576" */
        for (const char *p = arg + 1; *p; p++) {
            const OptDef *o = find_short(*p);
            if (!o) {
                snprintf(err, err_size, "unknown option '-%c'", *p);
                return -EINVAL;
            }
            char shown[4] = { '-', *p, 0, 0 };
            const char *val = NULL;
            if (o->has_arg) {
                if (p[1])
                    val = p + 1;
                else if (i + 1 < argc)
                    val = argv[++i];
                else {
                    snprintf(err, err_size, "option %s needs a value", shown);
                    return -EINVAL;
                }
            }
            if (apply_opt(s, o, val, shown, err, err_size))
                return -EINVAL;
            if (s->action != CLI_ACTION_RUN)
                return 0;
            if (o->has_arg)
                break;
        }
    }
    return check_settings(s, err, err_size);
}

void cli_print_usage(FILE *f)
{
    fputs("Usage: vmaf -r REF -d DIST [options]\n"
          "\n"
          "Computes VMAF and other metrics of DIST against REF and prints the pooled\n"
          "score of each model on stderr.\n"
          "\n"
          "Input (.y4m is detected from its header; '-' reads y4m from stdin):\n"
          "  -r, --reference PATH      reference video (.y4m or raw .yuv)\n"
          "  -d, --distorted PATH      distorted video (.y4m or raw .yuv)\n"
          "  -w, --width N             raw .yuv width\n"
          "  -h, --height N            raw .yuv height\n"
          "  -p, --pixel_format F      raw .yuv chroma format: 420, 422 or 444\n"
          "  -b, --bitdepth N          raw .yuv bit depth: 8, 10, 12 or 16\n"
          "      --frame_cnt N         score at most N frames (0: all)\n"
          "      --frame_skip_ref N    skip the first N reference frames\n"
          "      --frame_skip_dist N   skip the first N distorted frames\n"
          "\n"
          "Models and features:\n"
          "  -m, --model SPEC          version=NAME or path=FILE, plus :name=LABEL,\n"
          "                            :disable_clip, :enable_transform and\n"
          "                            :EXTRACTOR.OPTION=VALUE overloads (repeatable)\n"
          "      --feature SPEC        extra extractor NAME[=KEY=VALUE:KEY=VALUE] (repeatable)\n"
          "  -n, --no_prediction       extract features only, no model score\n"
          "      --aom_ctc VERSION     AOM CTC preset (v1.0 .. v7.0)\n"
          "      --nflx_ctc VERSION    Netflix CTC preset (v1.0)\n"
          "      --list-models         list the built-in models and exit\n"
          "      --list-features       list the feature extractors (--feature names) and exit\n"
          "      --percentiles LIST    add pooled percentiles to the report, e.g. 1,5,50,95\n"
          "                            (entries p1, p5, p50 = median, p95; up to 16 values in [0,100])\n"
          "\n"
          "Output:\n"
          "  -o, --output PATH         write a per-frame report ('-': stdout)\n"
          "      --xml | --json | --csv | --sub   report format (default: XML)\n"
          "  -q, --quiet               no banner, progress or pooled-score lines\n"
          "\n"
          "Processing:\n"
          "      --threads N           worker threads (default 0: none)\n"
          "      --subsample N         score every Nth frame (default 1)\n"
          "      --cpumask MASK        disable SIMD levels (bit 3 AVX2, 4 AVX-512, 5 AVX-512 ICL)\n"
          "      --gpumask MASK        GPU restriction mask (passed to the library)\n"
          "\n"
          "  -v, --version             print the version and exit\n"
          "      --help                print this help and exit\n"
          "\n"
          "Exit status: 0 success, 1 usage error, 2 input/output error, 3 scoring error.\n",
          f);
}
