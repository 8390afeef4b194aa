/*
 * Prints every registered extractor with its options and provided outputs as
 * Markdown. Used to keep docs/metrics.md in sync (tests/docs/check_metrics_doc.py).
 */
#include <stdio.h>

#include "feature/registry.h"
#include "report.h"

static const char *type_name(enum VmafxOptionType t)
{
    switch (t) {
    case VMAFX_OPT_BOOL: return "bool";
    case VMAFX_OPT_INT: return "int";
    case VMAFX_OPT_DOUBLE: return "double";
    case VMAFX_OPT_STRING: return "string";
    }
    return "?";
}

int main(void)
{
    for (unsigned i = 0; vmafx_registry_at(i); i++) {
        const VmafxFeatureExtractor *fex = vmafx_registry_at(i);
        printf("### `%s`\n\n", fex->name);
        printf("Flags: %s%s\n\n", fex->flags & VMAFX_FEX_TEMPORAL ? "temporal " : "",
               fex->flags & VMAFX_FEX_PREV_REF ? "previous-reference " : "");
        printf("Outputs (report names):");
        for (const char *const *p = fex->provided; p && *p; p++)
            printf(" `%s`", vmafx_key_alias(*p));
        printf("\n\n");
        if (!fex->options || !fex->options->name) {
            printf("No options.\n\n");
            continue;
        }
        printf("| option | key alias | type | default | range | changes key names |\n");
        printf("|---|---|---|---|---|---|\n");
        for (const VmafxOption *o = fex->options; o->name; o++) {
            char def[64], range[96] = "";
            switch (o->type) {
            case VMAFX_OPT_BOOL: snprintf(def, sizeof(def), "%s", o->def.b ? "true" : "false"); break;
            case VMAFX_OPT_INT: snprintf(def, sizeof(def), "%d", o->def.i); break;
            case VMAFX_OPT_DOUBLE: snprintf(def, sizeof(def), "%g", o->def.d); break;
            case VMAFX_OPT_STRING: snprintf(def, sizeof(def), "%s", o->def.s ? o->def.s : "(none)"); break;
            }
            if (o->type == VMAFX_OPT_INT || o->type == VMAFX_OPT_DOUBLE)
                snprintf(range, sizeof(range), "%g .. %g", o->min, o->max);
            printf("| `%s` | %s | %s | %s | %s | %s |\n", o->name,
                   o->alias ? o->alias : "", type_name(o->type), def, range,
                   o->feature_param ? "yes" : "no");
        }
        printf("\n");
    }
    return 0;
}
