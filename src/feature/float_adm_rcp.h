/*
 * Table-driven reciprocal estimate used by float_adm (spec
 * float-vif-adm-motion.md 3.4, Appendix A).
 */
#ifndef VMAFX_SRC_FEATURE_FLOAT_ADM_RCP_H
#define VMAFX_SRC_FEATURE_FLOAT_ADM_RCP_H

/* The golden machine's reciprocal estimate of d (about 12 correct bits). */
float vmafx_float_adm_rcp(float d);

#endif /* VMAFX_SRC_FEATURE_FLOAT_ADM_RCP_H */
