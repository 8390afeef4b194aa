/*
 * libsvm regression models (the "model" string of a JSON model file):
 * text parsing and evaluation, motion-model-reports.md B.2 and B.4 step 3.
 */
#ifndef VMAFX_SRC_MODEL_SVM_H
#define VMAFX_SRC_MODEL_SVM_H

#include <stddef.h>

typedef struct VmafxSvm VmafxSvm;

/* Parses libsvm text[0..len). Returns 0, -EINVAL (malformed) or -ENOMEM. */
int vmafx_svm_parse(const char *text, size_t len, VmafxSvm **svm);

/*
 * Regression output S - rho for the dense input x[0..n) (x[k] is libsvm index
 * k + 1). Evaluation order is fixed (B.4) so results are bit-exact.
 */
double vmafx_svm_predict(const VmafxSvm *svm, const double *x, size_t n);

void vmafx_svm_free(VmafxSvm *svm);

#endif /* VMAFX_SRC_MODEL_SVM_H */
