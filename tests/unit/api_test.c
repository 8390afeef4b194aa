/*
 * Behaviour of the public API against api-abi.md sections 3-9 and 12: return
 * codes, ownership transfer, call-order quirks, pooling, output and logging.
 * Compiled against the public headers only and linked with the shared library;
 * layouts and the section 13 spot checks live in tests/abi/abi_test.c.
 *
 * Memory rules (who frees what) are proven by running this under ASan: a leak
 * or a double free there is a failure even when every CHECK passes.
 *
 * Real frames (cockatoo 576x324 4:2:0 8-bit) come from $VMAFX_TESTDATA; the
 * checks that need them are skipped with a message when it is not set.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libvmaf.h>

static int failures;
static int checks;

#define CHECK(cond)                                                          \
    do {                                                                     \
        checks++;                                                            \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
            failures++;                                                      \
        }                                                                    \
    } while (0)

/*
 * Fault injection for vmaf_init(): while fail_thread_creation is set, thread
 * creation fails, so a threaded context cannot start. The library's calls reach
 * this definition through ordinary symbol interposition; otherwise it forwards
 * to the next definition (libc's, or the sanitizer's interceptor).
 */
static int fail_thread_creation;

typedef int (*PthreadCreateFn)(pthread_t *, const pthread_attr_t *, void *(*)(void *),
                               void *);

__attribute__((visibility("default"))) int
pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
    if (fail_thread_creation)
        return EAGAIN;
    PthreadCreateFn next = (PthreadCreateFn)(uintptr_t)dlsym(RTLD_NEXT, "pthread_create");
    return next ? next(thread, attr, fn, arg) : EAGAIN;
}

/* ---- helpers ---- */

static char tmp_dir[64];

static void tmp_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmp_dir, name);
}

static VmafContext *new_context(unsigned n_threads, unsigned n_subsample,
                                enum VmafLogLevel level)
{
    VmafConfiguration cfg = {
        .log_level = level, .n_threads = n_threads, .n_subsample = n_subsample,
    };
    VmafContext *v = NULL;
    int err = vmaf_init(&v, cfg);
    CHECK(err == 0 && v != NULL);
    return v;
}

/* Fills the planes of an 8-bit picture with a pattern that depends on `seed`. */
static void fill_pattern(VmafPicture *p, unsigned seed)
{
    for (int c = 0; c < 3; c++) {
        if (!p->data[c])
            continue;
        for (unsigned y = 0; y < p->h[c]; y++) {
            uint8_t *row = (uint8_t *)p->data[c] + (ptrdiff_t)y * p->stride[c];
            for (unsigned x = 0; x < p->w[c]; x++)
                row[x] = (uint8_t)((x * 7 + y * 13 + seed * 29 + (x * y) % 17) & 0xff);
        }
    }
}

static int alloc_pair(VmafPicture *ref, VmafPicture *dist, unsigned w, unsigned h,
                      unsigned seed)
{
    int err = vmaf_picture_alloc(ref, VMAF_PIX_FMT_YUV420P, 8, w, h);
    if (err)
        return err;
    err = vmaf_picture_alloc(dist, VMAF_PIX_FMT_YUV420P, 8, w, h);
    if (err) {
        vmaf_picture_unref(ref);
        return err;
    }
    fill_pattern(ref, seed);
    fill_pattern(dist, seed + 1);
    return 0;
}

/* Allocates, fills and submits one pair; returns vmaf_read_pictures()'s result.
 * On failure the pictures are released here (they stayed with the caller). */
static int read_pair(VmafContext *v, unsigned w, unsigned h, unsigned index)
{
    VmafPicture ref, dist;
    if (alloc_pair(&ref, &dist, w, h, index))
        return -ENOMEM;
    int err = vmaf_read_pictures(v, &ref, &dist, index);
    if (err) {
        vmaf_picture_unref(&ref);
        vmaf_picture_unref(&dist);
    }
    return err;
}

static int has_value(VmafContext *v, const char *key, unsigned index)
{
    double s;
    return vmaf_feature_score_at_index(v, key, &s, index) == 0;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = b;
        }
        size_t n = fread(buf + len, 1, 4096, f);
        len += n;
        if (n < 4096)
            break;
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fputs(text, f) >= 0;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* stderr capture, so that log lines can be checked */
static int saved_stderr = -1;
static char capture_file[96];

static void capture_begin(void)
{
    fflush(stderr);
    tmp_path(capture_file, sizeof(capture_file), "stderr.txt");
    int fd = open(capture_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    saved_stderr = dup(STDERR_FILENO);
    if (fd >= 0) {
        dup2(fd, STDERR_FILENO);
        close(fd);
    }
}

static char *capture_end(void)
{
    fflush(stderr);
    if (saved_stderr >= 0) {
        dup2(saved_stderr, STDERR_FILENO);
        close(saved_stderr);
        saved_stderr = -1;
    }
    char *text = read_text(capture_file);
    unlink(capture_file);
    return text ? text : calloc(1, 1);
}

/* A tiny model (one support vector, no normalisation) over two caller-named
 * features; enough to exercise prediction, caching and pooling. */
static int write_tiny_model(const char *path, const char *feat_a, const char *feat_b,
                            const char *opts_dicts)
{
    char json[2048];
    snprintf(json, sizeof(json),
             "{\"model_dict\": {\"model_type\": \"LIBSVMNUSVR\", \"norm_type\": \"none\",\n"
             " \"feature_names\": [\"%s\", \"%s\"],%s\n"
             " \"model\": \"svm_type nu_svr\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\n"
             "total_sv 1\\nrho -1.5\\nSV\\n2 1:0.5 2:0.25 \\n\"}}\n",
             feat_a, feat_b, opts_dicts ? opts_dicts : "");
    return write_text(path, json);
}

/* ---- 4.2 / 4.3: init and close ---- */

static void test_init_close(void)
{
    /* a failing vmaf_init leaves *vmaf NULL (not dangling) and leaks nothing */
    VmafConfiguration tcfg = { .log_level = VMAF_LOG_LEVEL_NONE, .n_threads = 2 };
    VmafContext *failed = (VmafContext *)&tcfg;
    fail_thread_creation = 1;
    int init_err = vmaf_init(&failed, tcfg);
    fail_thread_creation = 0;
    CHECK(init_err == -ENOMEM);
    CHECK(failed == NULL);
    CHECK(vmaf_close(failed) == -EINVAL); /* what FFmpeg then does */

    /* close without flush: unthreaded and threaded, with pictures queued */
    for (unsigned threads = 0; threads <= 2; threads += 2) {
        VmafContext *v = new_context(threads, 0, VMAF_LOG_LEVEL_NONE);
        CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
        CHECK(vmaf_use_feature(v, "vif", NULL) == 0);
        CHECK(vmaf_use_feature(v, "motion", NULL) == 0);
        for (unsigned i = 0; i < 3; i++)
            CHECK(read_pair(v, 64, 48, i) == 0);
        CHECK(vmaf_close(v) == 0);
    }

    /* a context with only configuration in between (FFmpeg's probing instance),
     * models destroyed before close */
    VmafContext *v = new_context(1, 0, VMAF_LOG_LEVEL_NONE);
    VmafModelConfig mc = { 0 };
    VmafModel *m = NULL;
    CHECK(vmaf_model_load(&m, &mc, "vmaf_v0.6.1") == 0 && m);
    CHECK(vmaf_use_features_from_model(v, m) == 0);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    vmaf_model_destroy(m);
    CHECK(vmaf_close(v) == 0);

    /* the same with pictures read and a flush, model destroyed first */
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    m = NULL;
    CHECK(vmaf_model_load(&m, &mc, "vmaf_v0.6.1") == 0 && m);
    CHECK(vmaf_use_features_from_model(v, m) == 0);
    CHECK(vmaf_use_features_from_model(v, NULL) == -EINVAL);
    CHECK(vmaf_use_features_from_model(NULL, m) == -EINVAL);
    for (unsigned i = 0; i < 2; i++)
        CHECK(read_pair(v, 64, 64, i) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    double s;
    CHECK(vmaf_score_at_index(v, m, &s, 1) == 0);
    vmaf_model_destroy(m);
    CHECK(vmaf_close(v) == 0);

    /* out-of-range log level is clamped, not rejected */
    VmafConfiguration cfg = { .log_level = (enum VmafLogLevel)99, .n_subsample = 7 };
    v = (VmafContext *)&cfg; /* must be overwritten */
    CHECK(vmaf_init(&v, cfg) == 0 && v != (VmafContext *)&cfg);
    CHECK(vmaf_close(v) == 0);
}

/* ---- 4.6: vmaf_use_feature ownership and identity ---- */

static void test_use_feature_ownership(void)
{
    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    VmafFeatureDictionary *d = NULL;

    /* NULL context or name: the dictionary stays with the caller */
    CHECK(vmaf_feature_dictionary_set(&d, "enable_chroma", "false") == 0);
    CHECK(vmaf_use_feature(NULL, "psnr", d) == -EINVAL);
    CHECK(vmaf_use_feature(v, NULL, d) == -EINVAL);
    /* names that are not extractor names */
    static const char *const bad_names[] = {
        "", "PSNR", "psnr_y", "integer_adm", "ssim", "VMAF_integer_feature_vif_scale0_score",
    };
    for (size_t i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++)
        CHECK(vmaf_use_feature(v, bad_names[i], d) == -EINVAL);
    CHECK(vmaf_feature_dictionary_free(&d) == 0 && d == NULL); /* still ours: clean */

    /* success consumes; the caller's variable is not cleared (not freed here) */
    CHECK(vmaf_feature_dictionary_set(&d, "enable_chroma", "false") == 0);
    VmafFeatureDictionary *before = d;
    CHECK(vmaf_use_feature(v, "psnr", d) == 0);
    CHECK(d == before);
    d = NULL;

    /* unknown option keys are ignored */
    CHECK(vmaf_feature_dictionary_set(&d, "nosuchoption", "zzz") == 0);
    CHECK(vmaf_use_feature(v, "psnr", d) == 0);
    d = NULL;

    /* known extractor, bad value: consumed too (ASan proves no leak, no double free) */
    static const struct {
        const char *fex, *key, *val;
    } bad_values[] = {
        { "psnr", "enable_chroma", "TRUE" },
        { "psnr", "enable_chroma", "1" },
        { "psnr", "enable_chroma", "" },
        { "motion", "motion_max_val", "abc" },
        { "motion", "motion_max_val", "20000" },
        { "motion", "motion_max_val", "1234567" }, /* normalised to 1234570 */
    };
    for (size_t i = 0; i < sizeof(bad_values) / sizeof(bad_values[0]); i++) {
        d = NULL;
        CHECK(vmaf_feature_dictionary_set(&d, bad_values[i].key, bad_values[i].val) == 0);
        CHECK(vmaf_use_feature(v, bad_values[i].fex, d) == -EINVAL);
    }
    d = NULL;

    /* accepted odd values (7.3): 5abc parses as 5 */
    CHECK(vmaf_feature_dictionary_set(&d, "motion_max_val", "5abc") == 0);
    CHECK(vmaf_use_feature(v, "motion", d) == 0);
    d = NULL;

    CHECK(read_pair(v, 32, 32, 0) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    CHECK(has_value(v, "psnr_y", 0));
    CHECK(!has_value(v, "psnr_cb", 0)); /* enable_chroma=false won */
    CHECK(has_value(v, "integer_motion2_mmxv_5", 0));
    CHECK(vmaf_close(v) == 0);
}

static void test_identity_merging(void)
{
    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    VmafFeatureDictionary *d = NULL;

    CHECK(vmaf_use_feature(v, "motion", NULL) == 0);
    CHECK(vmaf_use_feature(v, "motion", NULL) == 0); /* merged */
    /* debug is not a feature parameter: same identity, dropped */
    CHECK(vmaf_feature_dictionary_set(&d, "debug", "true") == 0);
    CHECK(vmaf_use_feature(v, "motion", d) == 0);
    d = NULL;
    /* a different feature parameter adds an instance with suffixed keys */
    CHECK(vmaf_feature_dictionary_set(&d, "motion_max_val", "18") == 0);
    CHECK(vmaf_use_feature(v, "motion", d) == 0);
    d = NULL;
    CHECK(vmaf_feature_dictionary_set(&d, "motion_max_val", "18.0") == 0);
    CHECK(vmaf_use_feature(v, "motion", d) == 0); /* same as 18 after normalisation */
    d = NULL;
    /* normalisation at set time shows in the key suffix (7.2) */
    CHECK(vmaf_feature_dictionary_set(&d, "motion_max_val", "1234.5678") == 0);
    CHECK(vmaf_use_feature(v, "motion", d) == 0);
    d = NULL;

    /* duplicates would make the second write of each index fail */
    for (unsigned i = 0; i < 3; i++)
        CHECK(read_pair(v, 32, 32, i) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    for (unsigned i = 0; i < 3; i++) {
        CHECK(has_value(v, "VMAF_integer_feature_motion2_score", i));
        CHECK(has_value(v, "integer_motion2_mmxv_18", i));
        CHECK(has_value(v, "integer_motion2_mmxv_1234.57", i));
    }
    CHECK(!has_value(v, "VMAF_integer_feature_motion_score", 0)); /* debug key */
    CHECK(!has_value(v, "integer_motion2_mmxv_18.0", 0));
    CHECK(vmaf_close(v) == 0);
}

/* ---- 4.4: vmaf_use_features_from_model ---- */

static void test_features_from_model(void)
{
    char path[128];
    tmp_path(path, sizeof(path), "bogus_model.json");
    CHECK(write_tiny_model(path, "psnr_y", "VMAF_integer_feature_bogus_score", NULL) == 0);
    VmafModelConfig mc = { .name = "bogus" };
    VmafModel *m = NULL;
    CHECK(vmaf_model_load_from_path(&m, &mc, path) == 0 && m);

    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_ERROR);
    capture_begin();
    int err = vmaf_use_features_from_model(v, m);
    char *log = capture_end();
    CHECK(err == -EINVAL);
    CHECK(strstr(log, "libvmaf ERROR could not initialize feature extractor "
                      "\"VMAF_integer_feature_bogus_score\"") != NULL);
    free(log);
    /* the extractor of the earlier feature (psnr) stays registered */
    CHECK(read_pair(v, 32, 32, 0) == 0);
    CHECK(has_value(v, "psnr_y", 0));
    CHECK(vmaf_close(v) == 0);
    vmaf_model_destroy(m);

    /* an invalid option value in the model's feature options */
    tmp_path(path, sizeof(path), "badopt_model.json");
    CHECK(write_tiny_model(path, "VMAF_integer_feature_motion2_score", "psnr_y",
                           " \"feature_opts_dicts\": [{\"motion_max_val\": \"abc\"}],") == 0);
    m = NULL;
    CHECK(vmaf_model_load_from_path(&m, &mc, path) == 0 && m);
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_features_from_model(v, m) == -EINVAL);
    CHECK(vmaf_close(v) == 0);
    vmaf_model_destroy(m);

    /* the same model twice: no duplicate extractors */
    m = NULL;
    CHECK(vmaf_model_load(&m, &mc, "vmaf_v0.6.1") == 0 && m);
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_features_from_model(v, m) == 0);
    CHECK(vmaf_use_features_from_model(v, m) == 0);
    CHECK(read_pair(v, 64, 64, 0) == 0);
    CHECK(read_pair(v, 64, 64, 1) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    double s;
    CHECK(vmaf_score_at_index(v, m, &s, 1) == 0);
    CHECK(vmaf_close(v) == 0);
    vmaf_model_destroy(m);
}

/* ---- 4.7: vmaf_import_feature_score ---- */

static void test_import(void)
{
    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    double s;
    CHECK(vmaf_import_feature_score(NULL, "k", 1.0, 0) == -EINVAL);
    CHECK(vmaf_import_feature_score(v, NULL, 1.0, 0) == -EINVAL);
    CHECK(vmaf_import_feature_score(v, "k", 1.0, 0) == 0);
    CHECK(vmaf_import_feature_score(v, "k", 1.0, 0) == -EINVAL); /* same value */
    CHECK(vmaf_import_feature_score(v, "k", 2.0, 0) == -EINVAL); /* different value */
    CHECK(vmaf_feature_score_at_index(v, "k", &s, 0) == 0 && s == 1.0);
    CHECK(vmaf_import_feature_score(v, "", 3.0, 0) == 0);
    CHECK(vmaf_feature_score_at_index(v, "", &s, 0) == 0 && s == 3.0);
    CHECK(vmaf_import_feature_score(v, "nan", NAN, 0) == 0);
    CHECK(vmaf_feature_score_at_index(v, "nan", &s, 0) == 0 && isnan(s));
    CHECK(vmaf_feature_score_at_index(v, "K", &s, 0) == -EINVAL); /* case-sensitive */
    CHECK(vmaf_feature_score_at_index(v, "k", &s, 1) == -EINVAL);
    CHECK(vmaf_feature_score_at_index(v, "k", &s, 1000000) == -EINVAL);
    CHECK(vmaf_feature_score_at_index(v, "k", NULL, 0) == -EINVAL);

    /* far more than upstream's 128 keys */
    int ok = 1;
    char key[32];
    for (unsigned i = 0; i < 200; i++) {
        snprintf(key, sizeof(key), "key_%03u", i);
        ok &= vmaf_import_feature_score(v, key, i + 0.5, i % 7) == 0;
    }
    CHECK(ok);
    for (unsigned i = 0; i < 200; i++) {
        snprintf(key, sizeof(key), "key_%03u", i);
        ok &= vmaf_feature_score_at_index(v, key, &s, i % 7) == 0 && s == i + 0.5;
    }
    CHECK(ok);

    /* a large index */
    CHECK(vmaf_import_feature_score(v, "far", 7.0, 100000000u) == 0);
    CHECK(vmaf_feature_score_at_index(v, "far", &s, 100000000u) == 0 && s == 7.0);
    CHECK(vmaf_feature_score_at_index(v, "far", &s, 99999999u) == -EINVAL);
    CHECK(vmaf_close(v) == 0);
}

/* ---- 4.8: vmaf_read_pictures ---- */

static void test_read_pictures(void)
{
    VmafPicture ref, dist, ref_copy, dist_copy;

    /* one NULL picture: the other one stays with the caller */
    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(alloc_pair(&ref, &dist, 32, 32, 0) == 0);
    ref_copy = ref;
    CHECK(vmaf_read_pictures(v, &ref, NULL, 0) == -EINVAL);
    CHECK(vmaf_read_pictures(v, NULL, &dist, 0) == -EINVAL);
    CHECK(memcmp(&ref, &ref_copy, sizeof(ref)) == 0 && dist.ref != NULL);

    /* flush before any picture, extractor registered: -EINVAL, not flushed */
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == -EINVAL);
    CHECK(vmaf_read_pictures(v, &ref, &dist, 0) == 0);
    CHECK(ref.ref == NULL && dist.ref == NULL && ref.data[0] == NULL); /* zeroed */
    CHECK(has_value(v, "psnr_y", 0)); /* unthreaded: available at once */

    /* duplicate index, unthreaded: -EINVAL, pictures stay with the caller */
    CHECK(alloc_pair(&ref, &dist, 32, 32, 5) == 0);
    ref_copy = ref;
    dist_copy = dist;
    capture_begin();
    int err = vmaf_read_pictures(v, &ref, &dist, 0);
    char *log = capture_end();
    CHECK(err == -EINVAL);
    CHECK(memcmp(&ref, &ref_copy, sizeof(ref)) == 0);
    CHECK(memcmp(&dist, &dist_copy, sizeof(dist)) == 0);
    CHECK(log[0] == '\0'); /* level NONE: silent */
    free(log);

    /* geometry mismatch inside the pair, and against the stream */
    VmafPicture small;
    CHECK(vmaf_picture_alloc(&small, VMAF_PIX_FMT_YUV420P, 8, 32, 16) == 0);
    CHECK(vmaf_read_pictures(v, &ref, &small, 1) == -EINVAL);
    CHECK(vmaf_read_pictures(v, &small, &ref, 1) == -EINVAL);
    VmafPicture small2;
    CHECK(vmaf_picture_alloc(&small2, VMAF_PIX_FMT_YUV420P, 8, 32, 16) == 0);
    CHECK(vmaf_read_pictures(v, &small, &small2, 1) == -EINVAL);
    CHECK(small.ref && small2.ref);
    CHECK(vmaf_picture_unref(&small) == 0 && vmaf_picture_unref(&small2) == 0);

    /* pix_fmt mismatch, same luma size */
    VmafPicture p444;
    CHECK(vmaf_picture_alloc(&p444, VMAF_PIX_FMT_YUV444P, 8, 32, 32) == 0);
    CHECK(vmaf_read_pictures(v, &ref, &p444, 1) == -EINVAL);
    CHECK(vmaf_read_pictures(v, &p444, &dist, 1) == -EINVAL);
    CHECK(p444.ref != NULL);
    CHECK(vmaf_picture_unref(&p444) == 0);

    /* bit depth differs (ADR 0001: VMAFX rejects what upstream accepts) */
    VmafPicture p10;
    CHECK(vmaf_picture_alloc(&p10, VMAF_PIX_FMT_YUV420P, 10, 32, 32) == 0);
    CHECK(vmaf_read_pictures(v, &ref, &p10, 1) == -EINVAL);
    CHECK(vmaf_picture_unref(&p10) == 0);

    /* a caller-built picture (ref and priv NULL) */
    static uint8_t buffer[32 * 32 * 3 / 2];
    VmafPicture fake = {
        .pix_fmt = VMAF_PIX_FMT_YUV420P, .bpc = 8, .w = { 32, 16, 16 }, .h = { 32, 16, 16 },
        .stride = { 32, 16, 16 },
        .data = { buffer, buffer + 32 * 32, buffer + 32 * 32 + 16 * 16 },
    };
    CHECK(vmaf_read_pictures(v, &fake, &dist, 1) == -EINVAL);
    CHECK(vmaf_read_pictures(v, &ref, &fake, 1) == -EINVAL);
    CHECK(memcmp(&ref, &ref_copy, sizeof(ref)) == 0);

    /* still usable: a fresh index works, then flush; then nothing is accepted */
    CHECK(vmaf_read_pictures(v, &ref, &dist, 1) == 0);
    CHECK(ref.ref == NULL && dist.ref == NULL);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 7) == 0);
    CHECK(alloc_pair(&ref, &dist, 32, 32, 0) == 0);
    CHECK(vmaf_read_pictures(v, &ref, NULL, 2) == -EINVAL);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == -EINVAL);
    CHECK(ref.ref && dist.ref);
    CHECK(vmaf_picture_unref(&ref) == 0 && vmaf_picture_unref(&dist) == 0);
    CHECK(vmaf_close(v) == 0);

    /* flush with no extractor at all: 0 */
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == -EINVAL);
    CHECK(vmaf_close(v) == 0);

    /* threaded: flush before any picture is 0 with only non-temporal extractors,
     * -EINVAL with a temporal one */
    v = new_context(2, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "vif", NULL) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    CHECK(vmaf_close(v) == 0);
    v = new_context(2, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == -EINVAL);
    CHECK(read_pair(v, 32, 32, 0) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    CHECK(vmaf_close(v) == 0);

    /* motion registered, first index 1: -EINVAL; psnr (registered before) has
     * already written its value (partial effect) */
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(vmaf_use_feature(v, "motion", NULL) == 0);
    CHECK(alloc_pair(&ref, &dist, 32, 32, 1) == 0);
    ref_copy = ref;
    CHECK(vmaf_read_pictures(v, &ref, &dist, 1) == -EINVAL);
    CHECK(memcmp(&ref, &ref_copy, sizeof(ref)) == 0);
    CHECK(has_value(v, "psnr_y", 1));
    CHECK(vmaf_picture_unref(&ref) == 0 && vmaf_picture_unref(&dist) == 0);
    CHECK(vmaf_close(v) == 0);

    /* the same struct as ref and dist: values computed, released once, -EINVAL */
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(vmaf_picture_alloc(&ref, VMAF_PIX_FMT_YUV420P, 8, 32, 32) == 0);
    CHECK(vmaf_read_pictures(v, &ref, &ref, 0) == -EINVAL);
    CHECK(has_value(v, "psnr_y", 0));
    CHECK(vmaf_picture_unref(&ref) == -EINVAL); /* already released */
    CHECK(vmaf_close(v) == 0);
}

/* ---- 6.1 / 6.3 / 6.4 / 5.1: streams, late registration, subsampling ---- */

static void test_streams(void)
{
    double a, b;

    /* late registration runs from the next picture on; after flush it is accepted */
    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(read_pair(v, 32, 32, 0) == 0);
    CHECK(vmaf_use_feature(v, "vif", NULL) == 0);
    CHECK(read_pair(v, 32, 32, 1) == 0);
    CHECK(!has_value(v, "VMAF_integer_feature_vif_scale0_score", 0));
    CHECK(has_value(v, "VMAF_integer_feature_vif_scale0_score", 1));
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    CHECK(vmaf_use_feature(v, "motion", NULL) == 0);
    /* store keys are un-aliased: the printed name is not a key */
    CHECK(!has_value(v, "integer_vif_scale0", 1));
    CHECK(vmaf_close(v) == 0);

    /* order does not matter for psnr; gaps stay gaps */
    VmafContext *in_order = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(in_order, "psnr", NULL) == 0);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    for (unsigned i = 0; i < 3; i++)
        CHECK(read_pair(in_order, 32, 32, i) == 0);
    static const unsigned order[] = { 2, 0, 1 };
    for (unsigned i = 0; i < 3; i++)
        CHECK(read_pair(v, 32, 32, order[i]) == 0);
    CHECK(read_pair(v, 32, 32, 5) == 0);
    for (unsigned i = 0; i < 3; i++)
        CHECK(vmaf_feature_score_at_index(v, "psnr_y", &a, i) == 0 &&
              vmaf_feature_score_at_index(in_order, "psnr_y", &b, i) == 0 &&
              memcmp(&a, &b, sizeof(a)) == 0);
    CHECK(!has_value(v, "psnr_y", 3) && has_value(v, "psnr_y", 5));
    CHECK(vmaf_feature_score_pooled(v, "psnr_y", VMAF_POOL_METHOD_MEAN, &a, 0, 5) == -EINVAL);
    CHECK(vmaf_feature_score_pooled(v, "psnr_y", VMAF_POOL_METHOD_MEAN, &a, 5, 5) == 0);
    CHECK(read_pair(v, 32, 32, 1000000) == 0); /* large index */
    CHECK(has_value(v, "psnr_y", 1000000));
    CHECK(vmaf_close(in_order) == 0);
    CHECK(vmaf_close(v) == 0);

    /* subsampling: vif skipped at odd indices, psnr (temporal) and motion
     * (previous reference) run on every index */
    v = new_context(0, 2, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(vmaf_use_feature(v, "motion", NULL) == 0);
    CHECK(vmaf_use_feature(v, "vif", NULL) == 0);
    for (unsigned i = 0; i < 5; i++)
        CHECK(read_pair(v, 32, 32, i) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    for (unsigned i = 0; i < 5; i++) {
        CHECK(has_value(v, "psnr_y", i));
        CHECK(has_value(v, "VMAF_integer_feature_motion2_score", i));
        CHECK(has_value(v, "VMAF_integer_feature_vif_scale0_score", i) == (i % 2 == 0));
    }
    /* pooling uses exactly indices 0, 2, 4 */
    double sum = 0;
    for (unsigned i = 0; i < 5; i += 2) {
        CHECK(vmaf_feature_score_at_index(v, "psnr_y", &a, i) == 0);
        sum += a;
    }
    CHECK(vmaf_feature_score_pooled(v, "psnr_y", VMAF_POOL_METHOD_MEAN, &a, 0, 4) == 0 &&
          a == sum / 3);
    CHECK(vmaf_feature_score_pooled(v, "VMAF_integer_feature_vif_scale0_score",
                                    VMAF_POOL_METHOD_MEAN, &a, 0, 4) == 0);
    CHECK(vmaf_close(v) == 0);

    /* threaded duplicate index with a non-temporal extractor: read returns 0 and
     * consumes the pictures (upstream); VMAFX reports the lost error at flush
     * (ADR 0001 deviation) */
    v = new_context(1, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "vif", NULL) == 0);
    CHECK(read_pair(v, 32, 32, 0) == 0);
    CHECK(read_pair(v, 32, 32, 1) == 0);
    VmafPicture ref, dist;
    CHECK(alloc_pair(&ref, &dist, 32, 32, 1) == 0);
    CHECK(vmaf_read_pictures(v, &ref, &dist, 1) == 0);
    CHECK(ref.ref == NULL && dist.ref == NULL);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == -EINVAL);
    CHECK(has_value(v, "VMAF_integer_feature_vif_scale0_score", 1));
    CHECK(vmaf_close(v) == 0);

    /* the duplicate's warnings (8.1) */
    v = new_context(0, 0, VMAF_LOG_LEVEL_WARNING);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(read_pair(v, 32, 32, 0) == 0);
    capture_begin();
    int err = read_pair(v, 32, 32, 0);
    char *log = capture_end();
    CHECK(err == -EINVAL);
    CHECK(strstr(log, "libvmaf WARNING feature \"psnr_y\" cannot be overwritten at index 0\n"));
    CHECK(strstr(log, "libvmaf WARNING problem with feature extractor \"psnr\" at index 0\n"));
    free(log);
    CHECK(vmaf_close(v) == 0);

    /* picture allocation corner cases (5.1, 4.26, 4.27) */
    VmafPicture p;
    memset(&p, 0x5a, sizeof(p));
    VmafPicture untouched = p;
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_UNKNOWN, 8, 16, 16) == -EINVAL);
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_YUV420P, 0, 16, 16) == -EINVAL);
    CHECK(memcmp(&p, &untouched, sizeof(p)) == 0);
    CHECK(vmaf_picture_alloc(NULL, VMAF_PIX_FMT_YUV420P, 8, 16, 16) == -EINVAL);
    CHECK(vmaf_picture_unref(NULL) == -EINVAL);
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_YUV420P, 8, 0, 0) == 0);
    CHECK(vmaf_picture_unref(&p) == 0);
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_YUV420P, 8, 1, 1) == 0);
    CHECK(p.w[1] == 0 && p.h[1] == 0 && p.stride[1] == 0);
    CHECK((char *)p.data[1] == (char *)p.data[0] + 32 && p.data[2] == p.data[1]);
    CHECK(vmaf_picture_unref(&p) == 0);
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_YUV400P, 9, 20, 10) == 0);
    CHECK(p.data[1] == NULL && p.data[2] == NULL && p.stride[1] == 0 && p.w[1] == 0);
    CHECK(p.stride[0] == 64 && p.bpc == 9);
    CHECK(vmaf_picture_unref(&p) == 0);
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_YUV422P, 8, 1920, 1080) == 0);
    CHECK(p.w[1] == 960 && p.h[1] == 1080 && p.stride[1] == 960);
    CHECK((char *)p.data[2] - (char *)p.data[0] == 1920 * 1080 + 960 * 1080);
    CHECK(vmaf_picture_unref(&p) == 0);
    /* a struct with a foreign ref and no priv is not ours */
    static uint8_t buffer[64];
    VmafPicture fake = { .pix_fmt = VMAF_PIX_FMT_YUV400P, .bpc = 8, .w = { 8 }, .h = { 8 },
                         .stride = { 8 }, .data = { buffer }, .ref = (VmafRef *)buffer };
    CHECK(vmaf_picture_unref(&fake) == -EINVAL);
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_YUV400P, 8, 8, 8) == 0);
    CHECK(vmaf_read_pictures(v, &fake, &p, 0) == -EINVAL);
    CHECK(vmaf_read_pictures(v, &p, &fake, 0) == -EINVAL);
    CHECK(vmaf_picture_unref(&p) == 0);
    CHECK(vmaf_close(v) == 0);
}

/* ---- 6.8: pic_cnt counts rejected pairs; reports follow it ---- */

static void test_pic_cnt_reports(void)
{
    char path[128];
    tmp_path(path, sizeof(path), "piccnt.json");
    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(read_pair(v, 32, 32, 0) == 0);
    CHECK(read_pair(v, 32, 16, 1) == -EINVAL); /* geometry differs from the stream */
    CHECK(read_pair(v, 32, 16, 2) == -EINVAL);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    CHECK(vmaf_write_output(v, path, VMAF_OUTPUT_FORMAT_JSON) == 0);
    char *json = read_text(path);
    CHECK(json != NULL);
    if (json) {
        /* pooled range [0,2]: indices 1 and 2 missing, so every entry is empty */
        CHECK(strstr(json, "\"psnr_y\": {\n    }") != NULL);
        CHECK(strstr(json, "\"mean\"") == NULL);
        CHECK(strstr(json, "\"frameNum\": 0") != NULL);
        CHECK(strstr(json, "\"frameNum\": 1") == NULL);
    }
    free(json);
    unlink(path);
    double s;
    CHECK(vmaf_feature_score_pooled(v, "psnr_y", VMAF_POOL_METHOD_MEAN, &s, 0, 2) == -EINVAL);
    CHECK(vmaf_feature_score_pooled(v, "psnr_y", VMAF_POOL_METHOD_MEAN, &s, 0, 0) == 0);
    CHECK(vmaf_close(v) == 0);

    /* a call with one NULL picture is not counted: pooled range [0,0] */
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(read_pair(v, 32, 32, 0) == 0);
    VmafPicture lone;
    CHECK(vmaf_picture_alloc(&lone, VMAF_PIX_FMT_YUV420P, 8, 32, 32) == 0);
    CHECK(vmaf_read_pictures(v, &lone, NULL, 1) == -EINVAL);
    CHECK(vmaf_picture_unref(&lone) == 0);
    CHECK(vmaf_write_output(v, path, VMAF_OUTPUT_FORMAT_JSON) == 0);
    json = read_text(path);
    CHECK(json && strstr(json, "\"psnr_y\": {\n      \"min\": "));
    free(json);
    unlink(path);
    CHECK(vmaf_close(v) == 0);

    /* XML qualityWidth/Height come from the first call, even a failed one */
    tmp_path(path, sizeof(path), "latched.xml");
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    VmafPicture ref, dist;
    CHECK(vmaf_picture_alloc(&ref, VMAF_PIX_FMT_YUV420P, 8, 40, 24) == 0);
    CHECK(vmaf_picture_alloc(&dist, VMAF_PIX_FMT_YUV420P, 8, 40, 20) == 0);
    CHECK(vmaf_read_pictures(v, &ref, &dist, 0) == -EINVAL);
    CHECK(vmaf_picture_unref(&ref) == 0 && vmaf_picture_unref(&dist) == 0);
    CHECK(read_pair(v, 48, 48, 0) == -EINVAL); /* not the latched geometry */
    CHECK(vmaf_write_output(v, path, VMAF_OUTPUT_FORMAT_XML) == 0);
    char *xml = read_text(path);
    CHECK(xml && strstr(xml, "qualityWidth=\"40\" qualityHeight=\"24\""));
    free(xml);
    unlink(path);
    CHECK(vmaf_close(v) == 0);
}

/* ---- 4.9 / 4.12: model scores, caching, pooled ---- */

static void test_model_scores(void)
{
    VmafModelConfig mc = { 0 }; /* name NULL: "vmaf" */
    VmafModel *m = NULL;
    CHECK(vmaf_model_load(&m, &mc, "vmaf_v0.6.1") == 0 && m);
    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    double s = 0;

    /* a value stored under the model name is returned unchanged */
    CHECK(vmaf_import_feature_score(v, "vmaf", 42.5, 0) == 0);
    CHECK(vmaf_score_at_index(v, m, &s, 0) == 0 && s == 42.5);
    CHECK(vmaf_score_pooled(v, m, VMAF_POOL_METHOD_MEAN, &s, 0, 0) == 0 && s == 42.5);
    /* missing features */
    capture_begin();
    int err = vmaf_score_at_index(v, m, &s, 1);
    char *log = capture_end();
    CHECK(err == -EINVAL);
    CHECK(log[0] == '\0'); /* level NONE */
    free(log);
    CHECK(vmaf_score_at_index(NULL, m, &s, 0) == -EINVAL);
    CHECK(vmaf_score_at_index(v, NULL, &s, 0) == -EINVAL);
    CHECK(vmaf_score_at_index(v, m, NULL, 0) == -EINVAL);
    CHECK(vmaf_close(v) == 0);

    /* the ERROR line of a missing feature */
    v = new_context(0, 0, VMAF_LOG_LEVEL_ERROR);
    capture_begin();
    err = vmaf_score_at_index(v, m, &s, 3);
    log = capture_end();
    CHECK(err == -EINVAL);
    CHECK(strstr(log, "libvmaf ERROR vmaf_predict_score_at_index(): no feature '") != NULL);
    CHECK(strstr(log, "' at index 3\n") != NULL);
    free(log);
    CHECK(vmaf_close(v) == 0);
    vmaf_model_destroy(m);

    /* a tiny model on imported features: computed once, then cached */
    char path[128];
    tmp_path(path, sizeof(path), "tiny_model.json");
    CHECK(write_tiny_model(path, "feat_a", "feat_b", NULL) == 0);
    mc.name = "tiny";
    m = NULL;
    CHECK(vmaf_model_load_from_path(&m, &mc, path) == 0 && m);
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    for (unsigned i = 0; i < 4; i++) {
        CHECK(vmaf_import_feature_score(v, "feat_a", 0.1 * i, i) == 0);
        CHECK(vmaf_import_feature_score(v, "feat_b", 0.3 - 0.05 * i, i) == 0);
    }
    double a, b, c;
    CHECK(vmaf_score_at_index(v, m, &a, 1) == 0);
    CHECK(vmaf_score_at_index(v, m, &b, 1) == 0 && memcmp(&a, &b, sizeof(a)) == 0);
    CHECK(vmaf_feature_score_at_index(v, "tiny", &c, 1) == 0 && memcmp(&a, &c, sizeof(a)) == 0);

    /* pooled: bad arguments */
    CHECK(vmaf_score_pooled(NULL, m, VMAF_POOL_METHOD_MEAN, &s, 0, 3) == -EINVAL);
    CHECK(vmaf_score_pooled(v, NULL, VMAF_POOL_METHOD_MEAN, &s, 0, 3) == -EINVAL);
    CHECK(vmaf_score_pooled(v, m, VMAF_POOL_METHOD_MEAN, NULL, 0, 3) == -EINVAL);
    CHECK(vmaf_score_pooled(v, m, VMAF_POOL_METHOD_MEAN, &s, 3, 0) == -EINVAL);
    /* method 0: nothing computed */
    CHECK(vmaf_score_pooled(v, m, VMAF_POOL_METHOD_UNKNOWN, &s, 0, 0) == -EINVAL);
    CHECK(!has_value(v, "tiny", 0));
    /* method NB (and larger): -EINVAL, but the per-frame scores are stored first */
    s = -123.0;
    CHECK(vmaf_score_pooled(v, m, VMAF_POOL_METHOD_NB, &s, 0, 2) == -EINVAL);
    CHECK(s == -123.0);
    CHECK(has_value(v, "tiny", 0) && has_value(v, "tiny", 2) && !has_value(v, "tiny", 3));
    CHECK(vmaf_score_pooled(v, m, (enum VmafPoolingMethod)99, &s, 3, 3) == -EINVAL);
    CHECK(has_value(v, "tiny", 3));
    /* a missing index: scores before it stay stored */
    CHECK(vmaf_import_feature_score(v, "feat_a", 0.5, 5) == 0);
    CHECK(vmaf_import_feature_score(v, "feat_b", 0.5, 5) == 0);
    CHECK(vmaf_score_pooled(v, m, VMAF_POOL_METHOD_MEAN, &s, 5, 7) == -EINVAL);
    CHECK(has_value(v, "tiny", 5));
    double mean = 0;
    for (unsigned i = 0; i < 4; i++) {
        CHECK(vmaf_feature_score_at_index(v, "tiny", &c, i) == 0);
        mean += c;
    }
    CHECK(vmaf_score_pooled(v, m, VMAF_POOL_METHOD_MEAN, &s, 0, 3) == 0);
    CHECK(s == mean / 4);
    /* another model with the same name gets the cached values (4.9 quirk) */
    VmafModel *same_name = NULL;
    CHECK(vmaf_model_load(&same_name, &mc, "vmaf_v0.6.1") == 0 && same_name);
    CHECK(vmaf_score_at_index(v, same_name, &c, 1) == 0 && memcmp(&a, &c, sizeof(a)) == 0);
    vmaf_model_destroy(same_name);
    CHECK(vmaf_close(v) == 0);
    vmaf_model_destroy(m);

    /* prediction from imported features; suffixed keys and overloads (4.9, 4.20) */
    static const char *const names[] = {
        "VMAF_integer_feature_adm2_score",       "VMAF_integer_feature_motion2_score",
        "VMAF_integer_feature_vif_scale0_score", "VMAF_integer_feature_vif_scale1_score",
        "VMAF_integer_feature_vif_scale2_score", "VMAF_integer_feature_vif_scale3_score",
    };
    static const double values[] = { 0.93, 3.5, 0.45, 0.75, 0.84, 0.89 };
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    for (unsigned i = 0; i < 2; i++)
        for (unsigned k = 0; k < 6; k++)
            CHECK(vmaf_import_feature_score(v, names[k], values[k], i) == 0);
    mc.name = NULL;
    m = NULL;
    CHECK(vmaf_model_load(&m, &mc, "vmaf_v0.6.1") == 0 && m);
    CHECK(vmaf_score_at_index(v, m, &s, 0) == 0 && s > 0.0 && s <= 100.0);
    VmafModel *neg = NULL;
    mc.name = "neg";
    CHECK(vmaf_model_load(&neg, &mc, "vmaf_v0.6.1neg") == 0 && neg);
    CHECK(vmaf_score_at_index(v, neg, &s, 0) == -EINVAL); /* its keys are suffixed */
    VmafFeatureDictionary *d = NULL;
    CHECK(vmaf_feature_dictionary_set(&d, "motion_force_zero", "true") == 0);
    CHECK(vmaf_model_feature_overload(m, "motion", d) == 0);
    CHECK(vmaf_score_at_index(v, m, &s, 0) == 0);         /* cached */
    CHECK(vmaf_score_at_index(v, m, &s, 1) == -EINVAL);   /* looks for the new key */
    CHECK(vmaf_close(v) == 0);
    vmaf_model_destroy(neg);
    vmaf_model_destroy(m);
}

/* ---- 4.13: vmaf_feature_score_pooled quirks ---- */

static void test_feature_pooled(void)
{
    VmafContext *v = new_context(0, 2, VMAF_LOG_LEVEL_NONE);
    for (unsigned i = 0; i < 5; i++) {
        CHECK(vmaf_import_feature_score(v, "pos", 10.0 + i, i) == 0);
        CHECK(vmaf_import_feature_score(v, "neg", -10.0 - i, i) == 0);
    }
    double s;
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_MIN, &s, 0, 4) == 0 && s == 10.0);
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_MEAN, &s, 0, 4) == 0 && s == 12.0);
    /* index_low skipped by subsampling: min and max seeded with 0 */
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_MIN, &s, 1, 4) == 0 && s == 0.0);
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_MAX, &s, 1, 4) == 0 && s == 14.0);
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_MEAN, &s, 1, 4) == 0 && s == 13.0);
    CHECK(vmaf_feature_score_pooled(v, "neg", VMAF_POOL_METHOD_MAX, &s, 1, 4) == 0 && s == 0.0);
    CHECK(vmaf_feature_score_pooled(v, "neg", VMAF_POOL_METHOD_MIN, &s, 1, 4) == 0 && s == -14.0);
    /* every index skipped */
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_MEAN, &s, 1, 1) == 0 && isnan(s));
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_HARMONIC_MEAN, &s, 1, 1) == 0 &&
          isnan(s));
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_MIN, &s, 1, 1) == 0 && s == 0.0);
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_MAX, &s, 1, 1) == 0 && s == 0.0);
    /* bad arguments; method >= NB leaves *score alone */
    s = -5.0;
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_NB, &s, 0, 4) == -EINVAL);
    CHECK(vmaf_feature_score_pooled(v, "pos", (enum VmafPoolingMethod)77, &s, 0, 4) == -EINVAL);
    CHECK(s == -5.0);
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_UNKNOWN, &s, 0, 4) == -EINVAL);
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_MEAN, &s, 4, 0) == -EINVAL);
    CHECK(vmaf_feature_score_pooled(NULL, "pos", VMAF_POOL_METHOD_MEAN, &s, 0, 4) == -EINVAL);
    CHECK(vmaf_feature_score_pooled(v, NULL, VMAF_POOL_METHOD_MEAN, &s, 0, 4) == -EINVAL);
    CHECK(vmaf_feature_score_pooled(v, "pos", VMAF_POOL_METHOD_MEAN, &s, 0, 6) == -EINVAL);
    CHECK(vmaf_feature_score_pooled(v, "nosuch", VMAF_POOL_METHOD_MEAN, &s, 0, 0) == -EINVAL);
    CHECK(vmaf_close(v) == 0);

    /* a value of -1: harmonic mean -1 (1/0 = inf) */
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_import_feature_score(v, "h", -1.0, 0) == 0);
    CHECK(vmaf_import_feature_score(v, "h", 3.0, 1) == 0);
    CHECK(vmaf_feature_score_pooled(v, "h", VMAF_POOL_METHOD_HARMONIC_MEAN, &s, 0, 1) == 0 &&
          s == -1.0);
    CHECK(vmaf_close(v) == 0);
}

/* ---- 4.10 / 4.14: collections score an index once ---- */

static void test_collections(void)
{
    VmafModelConfig mc = { 0 };
    VmafModel *main_model = NULL;
    VmafModelCollection *coll = NULL;
    CHECK(vmaf_model_collection_load(&main_model, &coll, &mc, "vmaf_b_v0.6.3") == 0);
    CHECK(main_model && coll);
    if (!main_model || !coll)
        return;

    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    static const char *const names[] = {
        "VMAF_integer_feature_adm2_score",       "VMAF_integer_feature_motion2_score",
        "VMAF_integer_feature_vif_scale0_score", "VMAF_integer_feature_vif_scale1_score",
        "VMAF_integer_feature_vif_scale2_score", "VMAF_integer_feature_vif_scale3_score",
    };
    static const double values[] = { 0.93, 3.5, 0.45, 0.75, 0.84, 0.89 };
    for (unsigned i = 0; i < 4; i++)
        for (unsigned k = 0; k < 6; k++)
            CHECK(vmaf_import_feature_score(v, names[k], values[k] - 0.01 * i, i) == 0);

    CHECK(vmaf_use_features_from_model_collection(NULL, coll) == -EINVAL);
    CHECK(vmaf_use_features_from_model_collection(v, NULL) == -EINVAL);
    CHECK(vmaf_use_features_from_model_collection(v, coll) == 0);
    CHECK(vmaf_score_pooled_model_collection(NULL, coll, VMAF_POOL_METHOD_MEAN, NULL, 0, 0) ==
          -EINVAL);

    VmafModelCollectionScore cs;
    memset(&cs, 0, sizeof(cs));
    CHECK(vmaf_score_at_index_model_collection(NULL, coll, &cs, 0) == -EINVAL);
    CHECK(vmaf_score_at_index_model_collection(v, NULL, &cs, 0) == -EINVAL);
    CHECK(vmaf_score_at_index_model_collection(v, coll, NULL, 0) == -EINVAL);
    CHECK(vmaf_score_at_index_model_collection(v, coll, &cs, 9) == -EINVAL); /* no features */
    CHECK(vmaf_score_at_index_model_collection(v, coll, &cs, 0) == 0);
    CHECK(cs.type == VMAF_MODEL_COLLECTION_SCORE_BOOTSTRAP);
    CHECK(cs.bootstrap.ci.p95.lo <= cs.bootstrap.ci.p95.hi);
    CHECK(has_value(v, "vmaf_0001", 0) && has_value(v, "vmaf_bagging", 0));
    /* a second scoring of the same index fails */
    CHECK(vmaf_score_at_index_model_collection(v, coll, &cs, 0) == -EINVAL);
    /* pooled over a range that contains it too */
    CHECK(vmaf_score_pooled_model_collection(v, coll, VMAF_POOL_METHOD_MEAN, &cs, 0, 2) ==
          -EINVAL);
    CHECK(vmaf_score_pooled_model_collection(v, coll, VMAF_POOL_METHOD_UNKNOWN, &cs, 2, 3) ==
          -EINVAL);
    CHECK(vmaf_score_pooled_model_collection(v, coll, VMAF_POOL_METHOD_MEAN, &cs, 3, 2) ==
          -EINVAL);
    CHECK(vmaf_score_pooled_model_collection(v, coll, VMAF_POOL_METHOD_MEAN, NULL, 2, 3) ==
          -EINVAL);
    memset(&cs, 0, sizeof(cs));
    CHECK(vmaf_score_pooled_model_collection(v, coll, VMAF_POOL_METHOD_MEAN, &cs, 2, 3) == 0);
    CHECK(cs.type == VMAF_MODEL_COLLECTION_SCORE_BOOTSTRAP);
    double bag;
    CHECK(vmaf_feature_score_pooled(v, "vmaf_bagging", VMAF_POOL_METHOD_MEAN, &bag, 2, 3) == 0);
    CHECK(bag == cs.bootstrap.bagging_score);
    CHECK(vmaf_score_pooled_model_collection(v, coll, VMAF_POOL_METHOD_MEAN, &cs, 2, 3) ==
          -EINVAL);
    /* the main model shares the members' features */
    double s;
    CHECK(vmaf_score_at_index(v, main_model, &s, 1) == 0);
    CHECK(vmaf_close(v) == 0);
    vmaf_model_destroy(main_model);
    vmaf_model_collection_destroy(coll);
}

/* Releases a picture from another thread after a short delay. */
static void *release_later(void *arg)
{
    struct timespec ts = { 0, 50 * 1000 * 1000 };
    nanosleep(&ts, NULL);
    vmaf_picture_unref(arg);
    return NULL;
}

/* ---- 4.15 / 4.16 / 5.5: picture pool ---- */

static void test_picture_pool(void)
{
    VmafPicture p, q;
    VmafPictureConfiguration pc = {
        .pic_params = { .w = 64, .h = 48, .bpc = 8, .pix_fmt = VMAF_PIX_FMT_YUV420P },
        .pic_cnt = 1,
    };

    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_fetch_preallocated_picture(v, &p) == -EINVAL); /* no pool */
    CHECK(vmaf_fetch_preallocated_picture(NULL, &p) == -EINVAL);
    CHECK(vmaf_fetch_preallocated_picture(v, NULL) == -EINVAL);
    CHECK(vmaf_preallocate_pictures(NULL, pc) == -EINVAL);
    VmafPictureConfiguration bad = pc;
    bad.pic_params.w = 0;
    CHECK(vmaf_preallocate_pictures(v, bad) == -EINVAL);
    bad = pc;
    bad.pic_params.h = 0;
    CHECK(vmaf_preallocate_pictures(v, bad) == -EINVAL);
    bad = pc;
    bad.pic_cnt = 0;
    CHECK(vmaf_preallocate_pictures(v, bad) == -EINVAL);
    bad = pc;
    bad.pic_params.bpc = 7;
    CHECK(vmaf_preallocate_pictures(v, bad) == -EINVAL);
    bad = pc;
    bad.pic_params.pix_fmt = VMAF_PIX_FMT_UNKNOWN;
    CHECK(vmaf_preallocate_pictures(v, bad) == -EINVAL);

    /* a one-picture pool: a released picture comes back (else the fetch would block) */
    CHECK(vmaf_preallocate_pictures(v, pc) == 0);
    CHECK(vmaf_fetch_preallocated_picture(v, &p) == 0);
    CHECK(p.w[0] == 64 && p.h[0] == 48 && p.bpc == 8 && p.pix_fmt == VMAF_PIX_FMT_YUV420P);
    CHECK(p.ref != NULL && p.data[0] != NULL);
    void *first_data = p.data[0];
    CHECK(vmaf_picture_unref(&p) == 0);
    CHECK(p.ref == NULL);
    CHECK(vmaf_fetch_preallocated_picture(v, &p) == 0 && p.data[0] == first_data);

    /* replace the pool while a picture of the old one is held */
    VmafPictureConfiguration pc2 = pc;
    pc2.pic_params.w = 32;
    pc2.pic_params.h = 32;
    pc2.pic_cnt = 2;
    CHECK(vmaf_preallocate_pictures(v, pc2) == 0);
    CHECK(vmaf_fetch_preallocated_picture(v, &q) == 0 && q.w[0] == 32 && q.h[0] == 32);
    CHECK(vmaf_picture_unref(&p) == 0); /* old pool's last picture: storage freed now */

    /* pool pictures go through vmaf_read_pictures and come back */
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(vmaf_fetch_preallocated_picture(v, &p) == 0);
    fill_pattern(&p, 1);
    fill_pattern(&q, 2);
    CHECK(vmaf_read_pictures(v, &p, &q, 0) == 0);
    CHECK(p.ref == NULL && q.ref == NULL);
    CHECK(vmaf_fetch_preallocated_picture(v, &p) == 0); /* both are free again */
    CHECK(vmaf_fetch_preallocated_picture(v, &q) == 0);
    CHECK(vmaf_read_pictures(v, &p, &q, 1) == 0);

    /* a failing second preallocation drops the pool (quirk kept) */
    CHECK(vmaf_preallocate_pictures(v, bad) == -EINVAL);
    CHECK(vmaf_fetch_preallocated_picture(v, &p) == -EINVAL);
    CHECK(vmaf_close(v) == 0);

    /* automatic pool of a threaded context, after the first read */
    v = new_context(1, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);
    CHECK(vmaf_fetch_preallocated_picture(v, &p) == -EINVAL);
    CHECK(read_pair(v, 48, 32, 0) == 0);
    VmafPicture held[4];
    int ok = 1;
    for (int i = 0; i < 4; i++) /* 2 * n_threads + 2 pictures */
        ok &= vmaf_fetch_preallocated_picture(v, &held[i]) == 0 && held[i].w[0] == 48 &&
              held[i].h[0] == 32;
    CHECK(ok);
    for (int i = 1; i < 4; i++)
        CHECK(vmaf_picture_unref(&held[i]) == 0);
    /* close with a pool picture still held: returns, the later release is clean */
    CHECK(vmaf_close(v) == 0);
    fill_pattern(&held[0], 3); /* storage still valid */
    CHECK(vmaf_picture_unref(&held[0]) == 0);

    /* a fetch blocked on an empty pool wakes when another thread releases */
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_preallocate_pictures(v, pc) == 0);
    CHECK(vmaf_fetch_preallocated_picture(v, &p) == 0);
    void *only = p.data[0];
    pthread_t thread;
    int started = pthread_create(&thread, NULL, release_later, &p) == 0;
    CHECK(started);
    if (started) {
        CHECK(vmaf_fetch_preallocated_picture(v, &q) == 0 && q.data[0] == only);
        pthread_join(thread, NULL);
        CHECK(vmaf_picture_unref(&q) == 0);
    } else {
        vmaf_picture_unref(&p);
    }
    CHECK(vmaf_close(v) == 0);

    /* the same with an explicit pool and an unthreaded context */
    v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    CHECK(vmaf_preallocate_pictures(v, pc) == 0);
    CHECK(vmaf_fetch_preallocated_picture(v, &p) == 0);
    CHECK(vmaf_close(v) == 0);
    CHECK(vmaf_picture_unref(&p) == 0);
}

/* ---- 4.17: vmaf_write_output ---- */

static void test_write_output(void)
{
    char path[128];
    tmp_path(path, sizeof(path), "out.txt");
    unlink(path);
    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_NONE);

    /* invalid format: -EINVAL and no file is created */
    CHECK(vmaf_write_output(v, path, VMAF_OUTPUT_FORMAT_NONE) == -EINVAL);
    CHECK(!file_exists(path));
    CHECK(vmaf_write_output(v, path, (enum VmafOutputFormat)5) == -EINVAL);
    CHECK(!file_exists(path));
    CHECK(vmaf_write_output(NULL, path, VMAF_OUTPUT_FORMAT_JSON) == -EINVAL);
    CHECK(!file_exists(path));

    /* unopenable paths; the message goes to stderr whatever the log level */
    capture_begin();
    int e1 = vmaf_write_output(v, "/nonexistent-dir/x/out.json", VMAF_OUTPUT_FORMAT_JSON);
    int e2 = vmaf_write_output(v, tmp_dir, VMAF_OUTPUT_FORMAT_JSON); /* a directory */
    int e3 = vmaf_write_output(v, NULL, VMAF_OUTPUT_FORMAT_JSON);
    char *log = capture_end();
    CHECK(e1 == -EINVAL && e2 == -EINVAL && e3 == -EINVAL);
    CHECK(strstr(log, "could not open file: /nonexistent-dir/x/out.json\n") != NULL);
    CHECK(strstr(log, "could not open file: (null)\n") != NULL);
    free(log);

    /* zero pictures, zero keys */
    CHECK(vmaf_write_output(v, path, VMAF_OUTPUT_FORMAT_JSON) == 0);
    char *text = read_text(path);
    CHECK(text && strstr(text, "\"fps\": null,"));
    free(text);
    CHECK(vmaf_write_output(v, path, VMAF_OUTPUT_FORMAT_XML) == 0);
    text = read_text(path);
    CHECK(text && strstr(text, "qualityWidth=\"0\" qualityHeight=\"0\""));
    /* 0 / 0 at run time: x86's default NaN has the sign bit set, Arm's has not */
#if defined(__x86_64__) || defined(__i386__)
    CHECK(text && strstr(text, "fps=\"-nan\""));
#else
    CHECK(text && strstr(text, "fps=\"nan\""));
#endif
    free(text);
    CHECK(vmaf_write_output(v, path, VMAF_OUTPUT_FORMAT_CSV) == 0);
    CHECK(vmaf_write_output(v, path, VMAF_OUTPUT_FORMAT_SUB) == 0);

    /* repeated writes, before and after flush; imported keys appear, but with no
     * picture call the pooled range wraps and their pooled entries are empty */
    CHECK(vmaf_import_feature_score(v, "imported_key", 1.5, 0) == 0);
    CHECK(vmaf_write_output(v, path, VMAF_OUTPUT_FORMAT_JSON) == 0);
    text = read_text(path);
    CHECK(text && strstr(text, "\"imported_key\": 1.5"));
    CHECK(text && strstr(text, "\"imported_key\": {\n    }"));
    free(text);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    CHECK(vmaf_write_output(v, path, VMAF_OUTPUT_FORMAT_XML) == 0);
    unlink(path);
    CHECK(vmaf_close(v) == 0);
}

/* ---- 4.28 / 4.29 / 7: dictionaries ---- */

static void test_dictionary(void)
{
    VmafFeatureDictionary *d = NULL;
    CHECK(vmaf_feature_dictionary_set(NULL, "k", "v") == -EINVAL);
    CHECK(vmaf_feature_dictionary_set(&d, NULL, "v") == -EINVAL && d == NULL);
    CHECK(vmaf_feature_dictionary_set(&d, "k", NULL) == -EINVAL && d == NULL);
    CHECK(vmaf_feature_dictionary_set(&d, "", "x") == 0 && d != NULL);
    CHECK(vmaf_feature_dictionary_free(NULL) == -EINVAL);
    CHECK(vmaf_feature_dictionary_free(&d) == 0 && d == NULL);
    CHECK(vmaf_feature_dictionary_free(&d) == 0);
    for (int i = 0; i < 20; i++) {
        char key[16];
        snprintf(key, sizeof(key), "key%d", i);
        CHECK(vmaf_feature_dictionary_set(&d, key, "1.0") == 0);
    }
    CHECK(vmaf_feature_dictionary_free(&d) == 0 && d == NULL);

    /* order (7.1) and normalisation (7.2), visible only in the DEBUG log */
    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_DEBUG);
    CHECK(vmaf_feature_dictionary_set(&d, "b", "1") == 0);
    CHECK(vmaf_feature_dictionary_set(&d, "a", "2") == 0);
    CHECK(vmaf_feature_dictionary_set(&d, "b", "3") == 0);
    CHECK(vmaf_feature_dictionary_set(&d, "B", "4") == 0);
    CHECK(vmaf_feature_dictionary_set(&d, "n1", "1234567") == 0);
    CHECK(vmaf_feature_dictionary_set(&d, "n2", " 5") == 0);
    CHECK(vmaf_feature_dictionary_set(&d, "n3", "0x10") == 0);
    CHECK(vmaf_feature_dictionary_set(&d, "n4", "1,5") == 0);
    CHECK(vmaf_feature_dictionary_set(&d, "n5", "1E-7") == 0);
    CHECK(vmaf_feature_dictionary_set(&d, "n6", "18.123456789") == 0);
    capture_begin();
    int err = vmaf_use_feature(v, "psnr", d);
    char *log = capture_end();
    CHECK(err == 0);
    d = NULL;
    CHECK(strstr(log, "libvmaf DEBUG feature extractor \"psnr\" registered with 9 opts\n"
                      "libvmaf DEBUG b: 3\n"
                      "libvmaf DEBUG a: 2\n"
                      "libvmaf DEBUG B: 4\n"
                      "libvmaf DEBUG n1: 1.23457e+06\n"
                      "libvmaf DEBUG n2: 5\n"
                      "libvmaf DEBUG n3: 16\n"
                      "libvmaf DEBUG n4: 1,5\n"
                      "libvmaf DEBUG n5: 1e-07\n"
                      "libvmaf DEBUG n6: 18.1235\n") != NULL);
    free(log);
    CHECK(vmaf_close(v) == 0);

    /* model overload consumption (4.20): NULL argument leaves it with the caller */
    VmafModelConfig mc = { 0 };
    VmafModel *m = NULL;
    CHECK(vmaf_model_load(&m, &mc, "vmaf_v0.6.1") == 0 && m);
    CHECK(vmaf_feature_dictionary_set(&d, "motion_force_zero", "true") == 0);
    CHECK(vmaf_model_feature_overload(NULL, "motion", d) == -EINVAL);
    CHECK(vmaf_model_feature_overload(m, NULL, d) == -EINVAL);
    CHECK(vmaf_model_feature_overload(m, "motion", NULL) == -EINVAL);
    CHECK(vmaf_model_feature_overload(m, "cambi", d) == 0); /* consumed, nothing matched */
    d = NULL;
    CHECK(vmaf_feature_dictionary_set(&d, "motion_force_zero", "true") == 0);
    CHECK(vmaf_model_feature_overload(m, "motion", d) == 0); /* consumed */
    d = NULL;
    vmaf_model_destroy(m);
}

/* ---- 8.2: per-context log levels ---- */

static void test_two_log_levels(void)
{
    VmafContext *loud = new_context(0, 0, VMAF_LOG_LEVEL_WARNING);
    VmafContext *quiet = new_context(0, 0, VMAF_LOG_LEVEL_NONE);
    capture_begin();
    CHECK(vmaf_import_feature_score(loud, "loud_key", 1.0, 0) == 0);
    CHECK(vmaf_import_feature_score(loud, "loud_key", 1.0, 0) == -EINVAL);
    CHECK(vmaf_import_feature_score(quiet, "quiet_key", 1.0, 0) == 0);
    CHECK(vmaf_import_feature_score(quiet, "quiet_key", 1.0, 0) == -EINVAL);
    /* context-less: the most recently created context (quiet) decides */
    VmafModelConfig mc = { 0 };
    VmafModel *m = (VmafModel *)&mc;
    CHECK(vmaf_model_load(&m, &mc, "no_such_model_a") == -EINVAL && m == NULL);
    VmafContext *warn = new_context(0, 0, VMAF_LOG_LEVEL_WARNING);
    CHECK(vmaf_model_load(&m, &mc, "no_such_model_b") == -EINVAL && m == NULL);
    char *log = capture_end();
    CHECK(strstr(log, "libvmaf WARNING feature \"loud_key\" cannot be overwritten at "
                      "index 0\n") != NULL);
    CHECK(strstr(log, "quiet_key") == NULL);
    CHECK(strstr(log, "no_such_model_a") == NULL);
    CHECK(strstr(log, "libvmaf WARNING no such built-in model: \"no_such_model_b\"\n") != NULL);
    free(log);
    CHECK(vmaf_close(warn) == 0);
    CHECK(vmaf_close(quiet) == 0);
    CHECK(vmaf_close(loud) == 0);
}

/* ---- 4.18-4.23: model loaders ---- */

static void test_model_loaders(void)
{
    VmafModelConfig mc = { 0 };
    VmafModel *m = (VmafModel *)&mc;
    VmafModelCollection *c = (VmafModelCollection *)&mc;
    VmafContext *v = new_context(0, 0, VMAF_LOG_LEVEL_INFO); /* sets the default level */
    capture_begin();

    CHECK(vmaf_model_load(NULL, &mc, "vmaf_v0.6.1") == -EINVAL);
    CHECK(vmaf_model_load(&m, NULL, "vmaf_v0.6.1") == -EINVAL && m == NULL);
    m = (VmafModel *)&mc;
    CHECK(vmaf_model_load(&m, &mc, NULL) == -EINVAL && m == NULL);
    m = (VmafModel *)&mc;
    CHECK(vmaf_model_load(&m, &mc, "VMAF_V0.6.1") == -EINVAL && m == NULL);
    m = (VmafModel *)&mc;
    CHECK(vmaf_model_load(&m, &mc, "") == -EINVAL && m == NULL);
    /* a collection name: -EINVAL, nothing half-built left behind */
    m = (VmafModel *)&mc;
    CHECK(vmaf_model_load(&m, &mc, "vmaf_b_v0.6.3") == -EINVAL && m == NULL);

    m = (VmafModel *)&mc;
    CHECK(vmaf_model_load_from_path(NULL, &mc, "x.json") == -EINVAL);
    CHECK(vmaf_model_load_from_path(&m, NULL, "x.json") == -EINVAL && m == NULL);
    m = (VmafModel *)&mc;
    CHECK(vmaf_model_load_from_path(&m, &mc, NULL) == -EINVAL && m == NULL);
    m = (VmafModel *)&mc;
    CHECK(vmaf_model_load_from_path(&m, &mc, "/nonexistent/model.json") == -EINVAL &&
          m == NULL);
    char path[128];
    tmp_path(path, sizeof(path), "garbage.json");
    CHECK(write_text(path, "{}") == 0);
    m = (VmafModel *)&mc;
    CHECK(vmaf_model_load_from_path(&m, &mc, path) == -EINVAL && m == NULL);
    CHECK(write_text(path, "{\"model_dict\": {\"model_type\": \"LIBSVMNUSVR\"") == 0);
    m = (VmafModel *)&mc;
    CHECK(vmaf_model_load_from_path(&m, &mc, path) == -EINVAL && m == NULL);

    /* collection loaders */
    m = (VmafModel *)&mc;
    c = (VmafModelCollection *)&mc;
    CHECK(vmaf_model_collection_load(NULL, &c, &mc, "vmaf_b_v0.6.3") == -EINVAL);
    CHECK(vmaf_model_collection_load(&m, NULL, &mc, "vmaf_b_v0.6.3") == -EINVAL);
    CHECK(vmaf_model_collection_load(&m, &c, NULL, "vmaf_b_v0.6.3") == -EINVAL);
    m = (VmafModel *)&mc;
    c = (VmafModelCollection *)&mc;
    CHECK(vmaf_model_collection_load(&m, &c, &mc, NULL) == -EINVAL && m == NULL && c == NULL);
    m = (VmafModel *)&mc;
    c = (VmafModelCollection *)&mc;
    CHECK(vmaf_model_collection_load(&m, &c, &mc, "vmaf_v0.6.1") == -EINVAL && m == NULL &&
          c == NULL);
    m = (VmafModel *)&mc;
    c = (VmafModelCollection *)&mc;
    CHECK(vmaf_model_collection_load(&m, &c, &mc, "no_such") == -EINVAL && m == NULL &&
          c == NULL);
    /* a plain model file through the collection path loader */
    tmp_path(path, sizeof(path), "plain_model.json");
    CHECK(write_tiny_model(path, "feat_a", "feat_b", NULL) == 0);
    m = (VmafModel *)&mc;
    c = (VmafModelCollection *)&mc;
    CHECK(vmaf_model_collection_load_from_path(&m, &c, &mc, path) == -EINVAL && m == NULL &&
          c == NULL);
    m = (VmafModel *)&mc;
    c = (VmafModelCollection *)&mc;
    CHECK(vmaf_model_collection_load_from_path(&m, &c, &mc, NULL) == -EINVAL && m == NULL &&
          c == NULL);

    char *log = capture_end();
    CHECK(strstr(log, "libvmaf WARNING no such built-in model: \"VMAF_V0.6.1\"\n"));
    CHECK(strstr(log, "libvmaf ERROR could not read model from path: "
                      "\"/nonexistent/model.json\"\n"));
    CHECK(strstr(log, "libvmaf WARNING no such built-in model collection: \"no_such\"\n"));
    CHECK(strstr(log, "libvmaf ERROR could not read model collection from path: \""));
    CHECK(strstr(log, "vmaf_b_v0.6.3") == NULL); /* the collection name fails silently */
    free(log);
    CHECK(vmaf_close(v) == 0);

    /* collection overload: NULL pointers are not consumed */
    m = NULL;
    c = NULL;
    CHECK(vmaf_model_collection_load(&m, &c, &mc, "vmaf_b_v0.6.3") == 0 && m && c);
    VmafFeatureDictionary *d = NULL;
    CHECK(vmaf_feature_dictionary_set(&d, "motion_force_zero", "true") == 0);
    CHECK(vmaf_model_collection_feature_overload(m, NULL, "motion", d) == -EINVAL);
    VmafModelCollection *none = NULL;
    CHECK(vmaf_model_collection_feature_overload(m, &none, "motion", d) == -EINVAL);
    CHECK(vmaf_model_collection_feature_overload(NULL, &c, "motion", d) == -EINVAL);
    CHECK(vmaf_model_collection_feature_overload(m, &c, NULL, d) == -EINVAL);
    CHECK(vmaf_model_collection_feature_overload(m, &c, "motion", d) == 0); /* consumed */
    vmaf_model_destroy(m);
    vmaf_model_collection_destroy(c);
    vmaf_model_destroy(NULL);
    vmaf_model_collection_destroy(NULL);
}

/* ---- 6.5: threads give bit-identical scores (real frames) ---- */

#define CLIP_W 576
#define CLIP_H 324
#define CLIP_FRAMES 4

static int read_frame(FILE *f, VmafPicture *p)
{
    /* 576 is a multiple of 32: strides equal widths, the planes are contiguous */
    size_t bytes = (size_t)CLIP_W * CLIP_H * 3 / 2;
    return fread(p->data[0], 1, bytes, f) == bytes ? 0 : -EIO;
}

static int run_clip(const char *ref_path, const char *dist_path, unsigned n_threads,
                    VmafModel *m, double *pooled, double *psnr_mean)
{
    FILE *fr = fopen(ref_path, "rb");
    FILE *fd = fopen(dist_path, "rb");
    int err = (fr && fd) ? 0 : -EIO;
    VmafContext *v = NULL;
    VmafConfiguration cfg = { .log_level = VMAF_LOG_LEVEL_NONE, .n_threads = n_threads };
    if (!err)
        err = vmaf_init(&v, cfg);
    if (!err)
        err = vmaf_use_features_from_model(v, m);
    if (!err)
        err = vmaf_use_feature(v, "psnr", NULL);
    for (unsigned i = 0; i < CLIP_FRAMES && !err; i++) {
        VmafPicture ref, dist;
        err = alloc_pair(&ref, &dist, CLIP_W, CLIP_H, 0);
        if (err)
            break;
        if (!(err = read_frame(fr, &ref)) && !(err = read_frame(fd, &dist)))
            err = vmaf_read_pictures(v, &ref, &dist, i);
        if (err) {
            vmaf_picture_unref(&ref);
            vmaf_picture_unref(&dist);
        }
    }
    if (!err && n_threads == 0) {
        /* before flush, motion2 is missing: no model score yet */
        double s;
        CHECK(vmaf_score_pooled(v, m, VMAF_POOL_METHOD_MEAN, &s, 0, CLIP_FRAMES - 1) ==
              -EINVAL);
    }
    if (!err)
        err = vmaf_read_pictures(v, NULL, NULL, 0);
    if (!err)
        err = vmaf_score_pooled(v, m, VMAF_POOL_METHOD_MEAN, pooled, 0, CLIP_FRAMES - 1);
    if (!err)
        err = vmaf_feature_score_pooled(v, "psnr_y", VMAF_POOL_METHOD_MEAN, psnr_mean, 0,
                                        CLIP_FRAMES - 1);
    if (v)
        vmaf_close(v);
    if (fr)
        fclose(fr);
    if (fd)
        fclose(fd);
    return err;
}

static void test_threads_identical(void)
{
    const char *dir = getenv("VMAFX_TESTDATA");
    if (!dir || !*dir) {
        printf("api_test: VMAFX_TESTDATA not set, skipping the real-frame thread check\n");
        return;
    }
    char ref_path[512], dist_path[512];
    snprintf(ref_path, sizeof(ref_path), "%s/cockatoo_576x324_420p8_ref.yuv", dir);
    snprintf(dist_path, sizeof(dist_path), "%s/cockatoo_576x324_420p8_x264crf38.yuv", dir);
    if (!file_exists(ref_path) || !file_exists(dist_path)) {
        printf("api_test: %s missing, skipping the real-frame thread check\n", ref_path);
        return;
    }
    VmafModelConfig mc = { 0 };
    VmafModel *m = NULL;
    CHECK(vmaf_model_load(&m, &mc, "vmaf_v0.6.1") == 0 && m);
    if (!m)
        return;
    double vmaf0 = 0, vmaf3 = 1, psnr0 = 0, psnr3 = 1;
    CHECK(run_clip(ref_path, dist_path, 0, m, &vmaf0, &psnr0) == 0);
    CHECK(run_clip(ref_path, dist_path, 3, m, &vmaf3, &psnr3) == 0);
    CHECK(memcmp(&vmaf0, &vmaf3, sizeof(double)) == 0);
    CHECK(memcmp(&psnr0, &psnr3, sizeof(double)) == 0);
    CHECK(vmaf0 > 0.0 && vmaf0 <= 100.0);
    printf("api_test: pooled vmaf over %d frames: %.6f (n_threads 0 and 3)\n", CLIP_FRAMES,
           vmaf0);
    vmaf_model_destroy(m);
}

int main(void)
{
    snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/vmafx_api_test_XXXXXX");
    if (!mkdtemp(tmp_dir)) {
        perror("mkdtemp");
        return 1;
    }

    static const struct {
        const char *name;
        void (*run)(void);
    } tests[] = {
        { "init_close", test_init_close },
        { "use_feature_ownership", test_use_feature_ownership },
        { "identity_merging", test_identity_merging },
        { "features_from_model", test_features_from_model },
        { "import", test_import },
        { "read_pictures", test_read_pictures },
        { "streams", test_streams },
        { "pic_cnt_reports", test_pic_cnt_reports },
        { "model_scores", test_model_scores },
        { "feature_pooled", test_feature_pooled },
        { "collections", test_collections },
        { "picture_pool", test_picture_pool },
        { "write_output", test_write_output },
        { "dictionary", test_dictionary },
        { "two_log_levels", test_two_log_levels },
        { "model_loaders", test_model_loaders },
        { "threads_identical", test_threads_identical },
    };
    int failed_tests = 0;
    for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
        int before = failures;
        tests[i].run();
        if (failures != before) {
            failed_tests++;
            fprintf(stderr, "api_test: %s: %d failure(s)\n", tests[i].name, failures - before);
        }
    }

    /* remove whatever the tests left in the scratch directory */
    static const char *const leftovers[] = {
        "bogus_model.json", "badopt_model.json", "tiny_model.json", "garbage.json",
        "plain_model.json", "out.txt", "piccnt.json", "latched.xml", "stderr.txt",
    };
    for (size_t i = 0; i < sizeof(leftovers) / sizeof(leftovers[0]); i++) {
        char path[128];
        tmp_path(path, sizeof(path), leftovers[i]);
        unlink(path);
    }
    rmdir(tmp_dir);

    printf("api_test: %d checks, %d failed (%d of %zu groups)\n", checks, failures,
           failed_tests, sizeof(tests) / sizeof(tests[0]));
    return failures != 0;
}
