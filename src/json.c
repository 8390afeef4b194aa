/*
 * Strict recursive-descent JSON reader. Recursion depth is bounded by
 * VMAFX_JSON_MAX_DEPTH, so hostile nesting cannot exhaust the stack; the node
 * budget bounds memory for inputs such as "[0,0,0,...]".
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

typedef struct Parser {
    const char *p, *end;
    size_t nodes;
    int err; /* first error */
} Parser;

static int fail(Parser *ps, int err)
{
    if (!ps->err)
        ps->err = err;
    return ps->err;
}

static void skip_space(Parser *ps)
{
    while (ps->p < ps->end &&
           (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static void free_node(VmafxJson *v)
{
    free(v->text);
    for (size_t i = 0; i < v->n; i++) {
        if (v->key)
            free(v->key[i]);
        if (v->child)
            free_node(&v->child[i]);
    }
    free(v->key);
    free(v->child);
    memset(v, 0, sizeof(*v));
}

/* Growable byte buffer for decoded strings. */
typedef struct Buf {
    char *d;
    size_t n, cap;
} Buf;

static bool buf_put(Buf *b, const char *s, size_t n)
{
    if (b->cap - b->n <= n) {
        size_t cap = b->cap ? b->cap : 32;
        while (cap - b->n <= n)
            cap *= 2;
        char *d = realloc(b->d, cap);
        if (!d)
            return false;
        b->d = d;
        b->cap = cap;
    }
    memcpy(b->d + b->n, s, n);
    b->n += n;
    b->d[b->n] = '\0';
    return true;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -EINVAL;
    }
    *out = v;
    return 0;
}

static size_t utf8_encode(unsigned cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Reads the \uXXXX escape at ps->p (after the backslash and 'u'), pairing surrogates. */
static int read_unicode_escape(Parser *ps, unsigned *cp)
{
    unsigned hi, lo;
    if (ps->end - ps->p < 4 || hex4(ps->p, &hi))
        return fail(ps, -EINVAL);
    ps->p += 4;
    if (hi >= 0xdc00 && hi <= 0xdfff)
        return fail(ps, -EINVAL); /* lone low surrogate */
    if (hi >= 0xd800 && hi <= 0xdbff) {
        if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' ||
            hex4(ps->p + 2, &lo) || lo < 0xdc00 || lo > 0xdfff)
            return fail(ps, -EINVAL);
        ps->p += 6;
        hi = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
    }
    if (hi == 0)
        return fail(ps, -EINVAL); /* would truncate the C string */
    *cp = hi;
    return 0;
}

/* Parses a string token starting at the opening quote into a new NUL-terminated copy. */
static int parse_string(Parser *ps, char **out, size_t *out_len)
{
    Buf b = { 0 };
    ps->p++; /* opening quote */
    if (!buf_put(&b, "", 0))
        return fail(ps, -ENOMEM);
    for (;;) {
        const char *run = ps->p;
        while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' &&
               (unsigned char)*ps->p >= 0x20)
            ps->p++;
        if (!buf_put(&b, run, (size_t)(ps->p - run)))
            goto nomem;
        if (ps->p >= ps->end || (unsigned char)*ps->p < 0x20)
            goto invalid;
        if (*ps->p == '"') {
            ps->p++;
            *out = b.d;
            *out_len = b.n;
            return 0;
        }
        /* escape */
        if (ps->end - ps->p < 2)
            goto invalid;
        char c = ps->p[1];
        ps->p += 2;
        char enc[4];
        size_t n = 1;
        switch (c) {
        case '"': enc[0] = '"'; break;
        case '\\': enc[0] = '\\'; break;
        case '/': enc[0] = '/'; break;
        case 'b': enc[0] = '\b'; break;
        case 'f': enc[0] = '\f'; break;
        case 'n': enc[0] = '\n'; break;
        case 'r': enc[0] = '\r'; break;
        case 't': enc[0] = '\t'; break;
        case 'u': {
            unsigned cp = 0;
            if (read_unicode_escape(ps, &cp))
                goto invalid;
            n = utf8_encode(cp, enc);
            break;
        }
        default:
            goto invalid;
        }
        if (!buf_put(&b, enc, n))
            goto nomem;
    }
invalid:
    free(b.d);
    return fail(ps, -EINVAL);
nomem:
    free(b.d);
    return fail(ps, -ENOMEM);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Validates the RFC 8259 number grammar, keeps the token text and converts it. */
static int parse_number(Parser *ps, VmafxJson *v)
{
    const char *s = ps->p, *p = ps->p, *e = ps->end;
    if (p < e && *p == '-')
        p++;
    if (p >= e || !is_digit(*p))
        return fail(ps, -EINVAL);
    if (*p == '0')
        p++;
    else
        while (p < e && is_digit(*p))
            p++;
    if (p < e && *p == '.') {
        p++;
        if (p >= e || !is_digit(*p))
            return fail(ps, -EINVAL);
        while (p < e && is_digit(*p))
            p++;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < e && (*p == '+' || *p == '-'))
            p++;
        if (p >= e || !is_digit(*p))
            return fail(ps, -EINVAL);
        while (p < e && is_digit(*p))
            p++;
    }
    size_t n = (size_t)(p - s);
    v->text = malloc(n + 1);
    if (!v->text)
        return fail(ps, -ENOMEM);
    memcpy(v->text, s, n);
    v->text[n] = '\0';
    v->len = n;
    /* The grammar above is a subset of strtod's, so it consumes the whole token. */
    v->number = strtod(v->text, NULL);
    v->type = VMAFX_JSON_NUMBER;
    ps->p = p;
    return 0;
}

static bool match_literal(Parser *ps, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, lit, n))
        return false;
    ps->p += n;
    return true;
}

static int parse_value(Parser *ps, VmafxJson *v, unsigned depth);

/* Appends a zeroed slot to a container being built; returns it or NULL. */
static VmafxJson *grow(Parser *ps, VmafxJson *c, size_t *cap, bool with_keys)
{
    if (c->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        VmafxJson *ch = realloc(c->child, ncap * sizeof(*ch));
        if (!ch) {
            fail(ps, -ENOMEM);
            return NULL;
        }
        c->child = ch;
        if (with_keys) {
            char **k = realloc(c->key, ncap * sizeof(*k));
            if (!k) {
                fail(ps, -ENOMEM);
                return NULL;
            }
            c->key = k;
        }
        *cap = ncap;
    }
    VmafxJson *slot = &c->child[c->n];
    memset(slot, 0, sizeof(*slot));
    if (with_keys)
        c->key[c->n] = NULL;
    c->n++;
    return slot;
}

static int parse_container(Parser *ps, VmafxJson *v, unsigned depth, bool object)
{
    const char close = object ? '}' : ']';
    size_t cap = 0;
    v->type = object ? VMAFX_JSON_OBJECT : VMAFX_JSON_ARRAY;
    ps->p++; /* opening bracket */
    skip_space(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return 0;
    }
    for (;;) {
        VmafxJson *slot = grow(ps, v, &cap, object);
        if (!slot)
            return ps->err;
        if (object) {
            skip_space(ps);
            if (ps->p >= ps->end || *ps->p != '"')
                return fail(ps, -EINVAL);
            size_t klen;
            if (parse_string(ps, &v->key[v->n - 1], &klen))
                return ps->err;
            skip_space(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return fail(ps, -EINVAL);
            ps->p++;
        }
        if (parse_value(ps, slot, depth + 1))
            return ps->err;
        skip_space(ps);
        if (ps->p >= ps->end)
            return fail(ps, -EINVAL);
        if (*ps->p == close) {
            ps->p++;
            return 0;
        }
        if (*ps->p != ',')
            return fail(ps, -EINVAL);
        ps->p++;
    }
}

static int parse_value(Parser *ps, VmafxJson *v, unsigned depth)
{
    if (depth > VMAFX_JSON_MAX_DEPTH || ++ps->nodes > VMAFX_JSON_MAX_NODES)
        return fail(ps, -EINVAL);
    skip_space(ps);
    if (ps->p >= ps->end)
        return fail(ps, -EINVAL);
    switch (*ps->p) {
    case '{':
        return parse_container(ps, v, depth, true);
    case '[':
        return parse_container(ps, v, depth, false);
    case '"':
        v->type = VMAFX_JSON_STRING;
        return parse_string(ps, &v->text, &v->len);
    case 't':
        v->type = VMAFX_JSON_TRUE;
        return match_literal(ps, "true") ? 0 : fail(ps, -EINVAL);
    case 'f':
        v->type = VMAFX_JSON_FALSE;
        return match_literal(ps, "false") ? 0 : fail(ps, -EINVAL);
    case 'n':
        v->type = VMAFX_JSON_NULL;
        return match_literal(ps, "null") ? 0 : fail(ps, -EINVAL);
    default:
        return parse_number(ps, v);
    }
}

int vmafx_json_parse(const char *buf, size_t size, VmafxJson **root)
{
    if (!root)
        return -EINVAL;
    *root = NULL;
    if (!buf || size > VMAFX_JSON_MAX_INPUT)
        return -EINVAL;

    VmafxJson *v = calloc(1, sizeof(*v));
    if (!v)
        return -ENOMEM;
    Parser ps = { .p = buf, .end = buf + size };
    if (!parse_value(&ps, v, 0)) {
        skip_space(&ps);
        if (ps.p != ps.end)
            fail(&ps, -EINVAL); /* trailing garbage */
    }
    if (ps.err) {
        free_node(v);
        free(v);
        return ps.err;
    }
    *root = v;
    return 0;
}

void vmafx_json_free(VmafxJson *root)
{
    if (!root)
        return;
    free_node(root);
    free(root);
}

const VmafxJson *vmafx_json_get(const VmafxJson *obj, const char *key)
{
    if (!obj || obj->type != VMAFX_JSON_OBJECT || !key)
        return NULL;
    for (size_t i = obj->n; i-- > 0;)
        if (!strcmp(obj->key[i], key))
            return &obj->child[i];
    return NULL;
}
