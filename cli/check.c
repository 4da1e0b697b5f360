/*
 * check.c - budgetlint check: inputs (files, folders, --files-from, --shard), the batch of workers, delivery in input order, the store, progress and the exit status.
 */
#include "cli.h"

#include "../core/banned.h"

/* ---- inputs: files, directories, --files-from, --shard ------------------------------ */

typedef struct {
    char **v;
    size_t n, cap;
} paths;

static void paths_add(paths *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->v = bl_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    size_t l = strlen(s);
    p->v[p->n] = bl_xmalloc(l + 1);
    memcpy(p->v[p->n], s, l + 1);
    p->n++;
}

static bool checkable_name(const char *name)
{
    static const char *const ext[] = {".pdf", ".txt", ".docx", ".ofd"};
    size_t n = strlen(name);
    if (name[0] == '.' || (n > 2 && name[0] == '~' && name[1] == '$')) /* hidden, Word's lock files */
        return false;
    for (size_t k = 0; k < sizeof ext / sizeof *ext; k++) {
        size_t el = strlen(ext[k]);
        if (n > el && g_ascii_strcasecmp(name + n - el, ext[k]) == 0)
            return true;
    }
    return false;
}

static int cmp_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name); /* byte order: the same on every machine */
}

/*
 * Every .pdf, .txt, .docx and .ofd below dir, in byte order of names, depth first. A folder reached
 * again (a symlink to . or to a parent) is walked once: `seen` holds each folder's
 * device and inode.
 */
static void walk(paths *p, const char *dir, int depth, GHashTable *seen)
{
    struct stat ds;
    if (stat(dir, &ds) == 0) {
        char *key = g_strdup_printf("%ju:%ju", (uintmax_t)ds.st_dev, (uintmax_t)ds.st_ino);
        if (g_hash_table_contains(seen, key)) {
            g_free(key);
            return;
        }
        g_hash_table_add(seen, key);
    }
    struct dirent **list;
    int n = scandir(dir, &list, NULL, cmp_name);
    if (n < 0) {
        paths_add(p, dir); /* reported as unreadable by the check */
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *nm = list[i]->d_name;
        if (strcmp(nm, ".") != 0 && strcmp(nm, "..") != 0) {
            size_t l = strlen(dir) + strlen(nm) + 2;
            char *full = bl_xmalloc(l);
            snprintf(full, l, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", nm);
            struct stat st;
            if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
                if (depth < 64)
                    walk(p, full, depth + 1, seen);
            } else if (checkable_name(nm)) {
                paths_add(p, full);
            }
            free(full);
        }
        free(list[i]);
    }
    free(list);
}

static void add_input(paths *p, const char *arg)
{
    struct stat st;
    if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        walk(p, arg, 0, seen);
        g_hash_table_destroy(seen);
    }
    else
        paths_add(p, arg);
}

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* ---- the batch --------------------------------------------------------------------------- */

typedef struct {
    const options *o;
    paths in;
    char **sha;         /* per input: hex sha256 of its bytes, NULL when unreadable */
    size_t *dup_of;     /* per input: index of the first input with the same bytes, or SIZE_MAX */
    char **stored;      /* per input: its JSON record from the store (resume), or NULL */
    char **first_json;  /* per input: its compact record, kept while duplicates may follow */
    bool *has_dups;
    char *stdin_data;
    size_t stdin_len;
    bl_store *store;
    /* results */
    bool trouble, failing, wrote_error;
    int nerr;
    bl_counts total;
    long pages;
    long ocr_pages;     /* of them read by OCR */
    size_t findings;
    double started;
    bool show_progress, progress_drawn;
    bl_sarif *sarif;
    size_t json_records; /* records printed so far (--format json: the array's commas) */
    GHashTable *baseline;   /* --baseline: fingerprints to leave out */
    const bl_config **cfg;  /* each input's configuration: its folder's budgetlint.json, else the run's */
    GHashTable *cfgs;       /* the budgetlint.json files read: path -> bl_config */
    GPtrArray *seen_fps;    /* --write-baseline: every finding's fingerprint, in order */
    size_t accepted, baselined;
    /* --annotate: copies keep their path below the inputs' common folder; no copy may
     * be an input (compared by device and inode) */
    char *annotate_root;
    bl_fileid *input_ids;
    size_t ninput_ids;
} batch_ctx;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

static bool contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return true;
    return false;
}

/* Test hooks (BUDGETLINT_TEST_HOOKS=1): a file holding a marker makes its worker crash or hang. */
static void test_hooks(const char *path)
{
    if (!getenv("BUDGETLINT_TEST_HOOKS"))
        return;
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (contains(buf, n, "BUDGETLINT-TEST-CRASH"))
        abort();
    if (contains(buf, n, "BUDGETLINT-TEST-HANG"))
        for (;;)
            pause();
    if (contains(buf, n, "BUDGETLINT-TEST-OOM"))
        for (size_t sz = 1 << 20;; sz *= 2) {
            char *p = bl_xmalloc(sz);
            memset(p, 1, sz);
        }
}

/* In the worker: check one file, write its compact JSON record. */
/*
 * Where the annotated copy of `path` goes: DIR/<its path below the inputs' common
 * folder> (deptA/报告.pdf and deptB/报告.pdf stay apart), its folders created without
 * following symlinks. Refused when that file is one of the run's inputs.
 */
static int annotate_path(const batch_ctx *c, const char *path, char *copy, size_t size, char *err, size_t errsz)
{
    const char *dir = c->o->annotate_dir, *rel = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char *abs = realpath(path, NULL);
    size_t rl = c->annotate_root ? strlen(c->annotate_root) : 0;
    if (abs && rl && strncmp(abs, c->annotate_root, rl) == 0 && abs[rl] == '/')
        rel = abs + rl + 1;
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    int n = snprintf(copy, size, "%.*s/%s", (int)dl, dir, rel);
    free(abs);
    if (n < 0 || (size_t)n >= size) {
        snprintf(err, errsz, "the annotated copy's path is too long");
        return -1;
    }
    if (bl_outfile_is_one_of(copy, c->input_ids, c->ninput_ids)) {
        bl_fileid me, it;
        const char *which = path;
        if (bl_fileid_of(copy, &me))
            for (size_t k = 0; k < c->in.n; k++)
                if (bl_fileid_of(c->in.v[k], &it) && it.dev == me.dev && it.ino == me.ino)
                    which = c->in.v[k];
        snprintf(err, errsz, "refusing to write the annotated copy '%s': it is the input '%s'", copy, which);
        return -1;
    }
    return bl_outfile_dirs(dir, copy, err, errsz);
}

/* The deepest folder holding every input (their real paths); NULL when there is none. */
static char *common_folder(const paths *in)
{
    char *root = NULL;
    for (size_t i = 0; i < in->n; i++) {
        char *abs = strcmp(in->v[i], "-") != 0 ? realpath(in->v[i], NULL) : NULL;
        char *slash = abs ? strrchr(abs, '/') : NULL;
        if (!slash) {
            free(abs);
            continue;
        }
        *slash = '\0'; /* its folder ("" for /) */
        if (!root) {
            root = abs;
            continue;
        }
        size_t k = 0;
        while (root[k] && root[k] == abs[k])
            k++;
        if (root[k] || (abs[k] && abs[k] != '/')) { /* cut back to a whole folder name */
            while (k > 0 && root[k] != '/')
                k--;
            root[k] = '\0';
        }
        free(abs);
    }
    return root;
}

static void work(void *vctx, size_t i, bl_buf *out)
{
    batch_ctx *c = vctx;
    const char *path = c->in.v[i];
    bl_doc *d;
    if (strcmp(path, "-") == 0) {
        d = bl_doc_new("-");
        if (bl_extract_bytes(d, c->stdin_data, c->stdin_len, false, &c->o->ex) == 0) {
            bl_normalize(d);
            if (bl_parse(d) == 0)
                bl_validate_with(d, &c->o->cfg);
        } else {
            bl_validate_with(d, &c->o->cfg);
        }
    } else {
        test_hooks(path);
        d = check_one_with(path, c->o, c->cfg ? c->cfg[i] : &c->o->cfg);
    }
    cJSON *rec = bl_record(d);
    if (c->o->annotate_dir && (d->is_pdf || (d->format && strcmp(d->format, "DOCX") == 0)) && d->err.cls == BL_OK) {
        char copy[4096], err[9000];
        if (annotate_path(c, path, copy, sizeof copy, err, sizeof err) < 0 || bl_annotate(d, copy, err, sizeof err) < 0) {
            char *shown = bl_path_utf8(err); /* a message quoting a path: valid UTF-8 */
            cJSON_AddStringToObject(rec, "annotate_error", shown);
            free(shown);
        }
        else {
            char *shown = bl_path_utf8(copy); /* the record stays valid UTF-8 */
            cJSON_AddStringToObject(rec, "annotated", shown);
            free(shown);
        }
    }
    char *txt = cJSON_PrintUnformatted(rec);
    if (txt)
        bl_buf_adds(out, txt);
    cJSON_free(txt);
    cJSON_Delete(rec);
    bl_doc_free(d);
}

static bool skip(void *vctx, size_t i)
{
    batch_ctx *c = vctx;
    return c->dup_of[i] != SIZE_MAX || c->stored[i] != NULL;
}

static void clear_progress(batch_ctx *c)
{
    if (c->progress_drawn) {
        fputs("\r\033[K", stderr);
        c->progress_drawn = false;
    }
}

static void tick(void *vctx, size_t delivered, size_t running)
{
    batch_ctx *c = vctx;
    if (!c->show_progress)
        return;
    double el = now_s() - c->started;
    size_t total = c->in.n;
    char eta[32] = "--:--";
    if (delivered > 0 && delivered < total) {
        long s = (long)(el / (double)delivered * (double)(total - delivered));
        snprintf(eta, sizeof eta, "%ld:%02ld", s / 60, s % 60);
    } else if (delivered == total) {
        snprintf(eta, sizeof eta, "0:00");
    }
    char ocr[48] = "";
    if (c->ocr_pages)
        snprintf(ocr, sizeof ocr, _(" (%ld by OCR)"), c->ocr_pages);
    fputs("\r\033[K", stderr);
    fprintf(stderr, _("%zu/%zu files  %.1f pages/s%s  %d unreadable  %zu findings  %zu running  ETA %s"),
            delivered, total, el > 0 ? (double)c->pages / el : 0.0, ocr, c->nerr, c->findings, running, eta);
    c->progress_drawn = true;
}

/*
 * Findings accepted in budgetlint.json stay, marked "accepted" with their
 * reason; the record's summary says how many. What the store keeps is this
 * record: every finding, the accepted ones marked (已说明).
 */
static void accept(batch_ctx *c, size_t idx, cJSON *rec)
{
    const bl_config *cfg = c->cfg ? c->cfg[idx] : &c->o->cfg;
    cJSON *fs = cJSON_GetObjectItemCaseSensitive(rec, "findings");
    int acc = 0;
    cJSON *f;
    cJSON_ArrayForEach(f, fs)
    {
        /* a record reused for the same bytes under another name was settled under its first name's settings */
        cJSON_DeleteItemFromObjectCaseSensitive(f, "accepted");
        const char *fp = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "fingerprint"));
        const char *why = fp ? bl_config_accepted(cfg, fp) : NULL;
        if (why) {
            cJSON *a = cJSON_AddObjectToObject(f, "accepted");
            cJSON_AddStringToObject(a, "reason", why);
            acc++;
        }
    }
    cJSON *sum = cJSON_GetObjectItemCaseSensitive(rec, "summary");
    cJSON_DeleteItemFromObjectCaseSensitive(sum, "accepted");
    if (sum && acc)
        cJSON_AddNumberToObject(sum, "accepted", acc);
}

/*
 * What is shown: findings in --baseline are left out, and the record's summary
 * counts what is left; --write-baseline collects every fingerprint.
 */
static void settle(batch_ctx *c, cJSON *rec)
{
    cJSON *fs = cJSON_GetObjectItemCaseSensitive(rec, "findings");
    int acc = 0, base = 0;
    cJSON *f;
    for (cJSON *next, *g = fs ? fs->child : NULL; (f = g) != NULL; g = next) {
        next = f->next;
        const char *fp = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "fingerprint"));
        if (!fp)
            continue;
        if (c->seen_fps) {
            cJSON *e = cJSON_CreateObject();
            cJSON_AddStringToObject(e, "fingerprint", fp);
            cJSON_AddStringToObject(e, "rule", cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "rule")));
            const char *file = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "file"));
            cJSON_AddStringToObject(e, "file", file ? file : "");
            cJSON_AddStringToObject(e, "message", cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "message")));
            g_ptr_array_add(c->seen_fps, e);
        }
        if (c->baseline && g_hash_table_contains(c->baseline, fp)) {
            cJSON_Delete(cJSON_DetachItemViaPointer(fs, f));
            base++;
        } else if (cJSON_GetObjectItemCaseSensitive(f, "accepted")) {
            acc++;
        }
    }
    cJSON *sum = cJSON_GetObjectItemCaseSensitive(rec, "summary");
    cJSON_DeleteItemFromObjectCaseSensitive(sum, "accepted");
    if (sum && acc)
        cJSON_AddNumberToObject(sum, "accepted", acc);
    if (sum && base) {
        cJSON_AddNumberToObject(sum, "baselined", base);
        /* the counts are of what is shown */
        const char *keys[] = {"errors", "warnings", "infos"};
        for (int k = 0; k < 3; k++) {
            int n = 0;
            cJSON_ArrayForEach(f, fs)
            {
                const char *sev = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "severity"));
                n += sev && strncmp(sev, keys[k], strlen(sev)) == 0;
            }
            cJSON_ReplaceItemInObjectCaseSensitive(sum, keys[k], cJSON_CreateNumber(n));
        }
    }
    c->accepted += (size_t)acc;
    c->baselined += (size_t)base;
}

static void config_free(gpointer p)
{
    bl_config_free(p);
    free(p);
}

/*
 * Without --config, each input takes the budgetlint.json nearest its own folder
 * (a department's settings travel with its drafts), else the run's one (from the
 * working directory up). Each file is read once; a bad one stops the run (exit 2).
 */
static void input_configs(batch_ctx *c)
{
    c->cfg = bl_xmalloc((c->in.n + 1) * sizeof *c->cfg);
    c->cfgs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, config_free);
    for (size_t i = 0; i < c->in.n; i++) {
        c->cfg[i] = &c->o->cfg;
        if (strcmp(c->in.v[i], "-") == 0)
            continue;
        char *real = realpath(c->in.v[i], NULL);
        if (!real)
            continue;
        char *slash = strrchr(real, '/');
        if (slash && slash != real)
            *slash = '\0';
        else if (slash)
            slash[1] = '\0';
        char found[4200];
        bool has = find_config(real, found, sizeof found);
        free(real);
        if (!has || strcmp(found, c->o->config_found) == 0)
            continue;
        bl_config *cfg = g_hash_table_lookup(c->cfgs, found);
        if (!cfg) {
            cfg = bl_xmalloc(sizeof *cfg);
            read_config(found, cfg);
            if (c->o->profile_name) /* the command line wins over every file */
                cfg->profile = c->o->cfg.profile;
            g_hash_table_insert(c->cfgs, g_strdup(found), cfg);
        }
        c->cfg[i] = cfg;
    }
}

/* --baseline FILE: its fingerprints; exits 2 with one line when it cannot be read */
static GHashTable *load_baseline(const char *path)
{
    gsize len = 0;
    gchar *text = read_whole_or_exit(path, &len);
    cJSON *doc = cJSON_ParseWithLength(text, len);
    g_free(text);
    const cJSON *fs = cJSON_GetObjectItemCaseSensitive(doc, "findings");
    if (!cJSON_IsArray(fs)) {
        fprintf(stderr, _("budgetlint: error: '%s': not a baseline (budgetlint check --write-baseline FILE makes one)\n"),
                path);
        exit(EXIT_TROUBLE);
    }
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const cJSON *f;
    cJSON_ArrayForEach(f, fs)
    {
        const char *fp = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "fingerprint"));
        if (fp)
            g_hash_table_add(set, g_strdup(fp));
    }
    cJSON_Delete(doc);
    return set;
}

/* --write-baseline FILE: today's findings, written to a temporary file and renamed into place */
static int write_baseline(const char *path, GPtrArray *entries)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "schema", "budgetlint-baseline/1");
    cJSON *fs = cJSON_AddArrayToObject(doc, "findings");
    for (guint k = 0; k < entries->len; k++)
        cJSON_AddItemToArray(fs, cJSON_Duplicate(entries->pdata[k], 1));
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    char err[300];
    int fd;
    char *tmp = bl_outfile_temp(path, &fd, err, sizeof err);
    int rc = -1;
    if (tmp) {
        size_t n = strlen(text), off = 0;
        while (off < n) {
            ssize_t w = write(fd, text + off, n - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        if (off == n && write(fd, "\n", 1) == 1)
            rc = bl_outfile_commit(tmp, fd, path, err, sizeof err);
        else {
            close(fd);
            unlink(tmp);
            free(tmp);
            snprintf(err, sizeof err, "cannot write: %s", bl_strerror(errno));
        }
    }
    cJSON_free(text);
    if (rc < 0)
        fprintf(stderr, _("budgetlint: error: '%s': %s\n"), path, err);
    return rc;
}

/* s escaped for a GitHub workflow command: % CR LF always, and : , in a property */
static void gh_put(const char *s, bool property)
{
    for (; s && *s; s++) {
        if (*s == '%')
            fputs("%25", stdout);
        else if (*s == '\r')
            fputs("%0D", stdout);
        else if (*s == '\n')
            fputs("%0A", stdout);
        else if (property && *s == ':')
            fputs("%3A", stdout);
        else if (property && *s == ',')
            fputs("%2C", stdout);
        else
            putchar(*s);
    }
}

/*
 * --format github: a workflow command a finding (::error / ::warning / ::notice
 * file=…,line=…,title=…::message), which GitHub Actions shows on the file; a
 * file that could not be checked is an ::error of its own. Accepted findings
 * are notices.
 */
static void github_lines(const cJSON *rec)
{
    const char *file = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "file"));
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(rec, "error");
    if (e) {
        fputs("::error file=", stdout);
        gh_put(file, true);
        fputs(",title=budgetlint::", stdout);
        gh_put(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "message")), false);
        putchar('\n');
        return;
    }
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(rec, "findings"))
    {
        const char *sev = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "severity"));
        const cJSON *acc = cJSON_GetObjectItemCaseSensitive(f, "accepted");
        const char *cmd = acc                                 ? "notice"
                          : sev && strcmp(sev, "error") == 0   ? "error"
                          : sev && strcmp(sev, "warning") == 0 ? "warning"
                                                               : "notice";
        const cJSON *tl = cJSON_GetObjectItemCaseSensitive(f, "text_line");
        const cJSON *pg = cJSON_GetObjectItemCaseSensitive(f, "page"), *ln = cJSON_GetObjectItemCaseSensitive(f, "line");
        printf("::%s file=", cmd);
        gh_put(file, true);
        printf(",line=%d,title=", cJSON_IsNumber(tl) ? tl->valueint : cJSON_IsNumber(ln) ? ln->valueint : 1);
        gh_put(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "rule")), true);
        printf("::第%d页第%d行：", cJSON_IsNumber(pg) ? pg->valueint : 1, cJSON_IsNumber(ln) ? ln->valueint : 1);
        gh_put(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "message")), false);
        if (acc) {
            fputs(" 已说明：", stdout);
            gh_put(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(acc, "reason")), false);
        }
        putchar('\n');
    }
}

/*
 * --format gitlab: GitLab's Code Quality report, one JSON array of issues
 * (description, check_name, fingerprint, severity, location.path and
 * lines.begin), streamed an issue a line. Accepted findings are no issues; a
 * file that could not be checked is a critical one.
 */
static void gitlab_issue(batch_ctx *c, const char *file, const char *check, const char *desc, const char *fp,
                         const char *severity, int line)
{
    cJSON *i = cJSON_CreateObject();
    cJSON_AddStringToObject(i, "description", desc ? desc : "");
    cJSON_AddStringToObject(i, "check_name", check);
    char *key = g_strdup_printf("%s@%s", fp ? fp : check, file); /* one issue a finding a file */
    cJSON_AddStringToObject(i, "fingerprint", key);
    g_free(key);
    cJSON_AddStringToObject(i, "severity", severity);
    cJSON *loc = cJSON_AddObjectToObject(i, "location");
    cJSON_AddStringToObject(loc, "path", file);
    cJSON_AddNumberToObject(cJSON_AddObjectToObject(loc, "lines"), "begin", line > 0 ? line : 1);
    fputs(c->json_records++ ? "," : "[", stdout);
    bl_emit_record(i, stdout, false);
    cJSON_Delete(i);
}

static void gitlab_issues(batch_ctx *c, const cJSON *rec)
{
    const char *file = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "file"));
    if (!file)
        return;
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(rec, "error");
    if (e) {
        gitlab_issue(c, file, "budgetlint", cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "message")), NULL,
                     "critical", 1);
        return;
    }
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(rec, "findings"))
    {
        if (cJSON_GetObjectItemCaseSensitive(f, "accepted"))
            continue;
        const char *sev = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "severity"));
        const cJSON *tl = cJSON_GetObjectItemCaseSensitive(f, "text_line");
        const cJSON *pg = cJSON_GetObjectItemCaseSensitive(f, "page"), *ln = cJSON_GetObjectItemCaseSensitive(f, "line");
        char *desc = g_strdup_printf("第%d页第%d行：%s", cJSON_IsNumber(pg) ? pg->valueint : 1,
                                     cJSON_IsNumber(ln) ? ln->valueint : 1,
                                     cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "message")));
        gitlab_issue(c, file, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "rule")), desc,
                     cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "fingerprint")),
                     sev && strcmp(sev, "error") == 0 ? "critical" : sev && strcmp(sev, "warning") == 0 ? "major" : "info",
                     cJSON_IsNumber(tl) ? tl->valueint : 1);
        g_free(desc);
    }
}

/* Account for, store and print one record, in input order. compact: what to store (NULL: nothing). */
static void deliver(batch_ctx *c, size_t i, cJSON *rec, const char *compact)
{
    const options *o = c->o;
    accept(c, i, rec);
    char *accepted = NULL; /* the record as stored: its findings marked as budgetlint.json accepts them */
    const char *as_stored = !c->store ? NULL : compact ? compact : c->stored[i];
    if (as_stored) {
        /* rec is what is stored, but for the batch's duplicate_of (output only) */
        cJSON *dup = cJSON_DetachItemFromObjectCaseSensitive(rec, "duplicate_of");
        accepted = cJSON_PrintUnformatted(rec);
        if (dup)
            cJSON_AddItemToObject(rec, "duplicate_of", dup);
        /* already stored under this path: stored again only when what is accepted changed */
        if (accepted && (compact || strcmp(accepted, as_stored) != 0))
            compact = accepted;
    }
    settle(c, rec);
    const char *status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "status"));
    const cJSON *pages = cJSON_GetObjectItemCaseSensitive(rec, "pages");
    if (cJSON_IsNumber(pages))
        c->pages += pages->valueint;
    const cJSON *ocr = cJSON_GetObjectItemCaseSensitive(rec, "ocr_pages");
    if (cJSON_IsNumber(ocr))
        c->ocr_pages += ocr->valueint;
    if (!status || strcmp(status, "ok") != 0) {
        c->trouble = true;
        c->nerr++;
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(rec, "error");
        clear_progress(c);
        char *shown = bl_path_shown(c->in.v[i]), buf[600]; /* one line, whatever the name holds */
        fprintf(stderr, _("budgetlint: error: '%s': %s\n"), shown,
                e ? error_cause(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "code")),
                                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "message")), buf, sizeof buf)
                  : _("cannot be checked"));
        free(shown);
    }
    const char *aerr = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "annotate_error"));
    if (aerr) { /* the copy asked for was not written: say so, and exit 2 */
        c->trouble = true;
        clear_progress(c);
        char *shown = bl_path_shown(c->in.v[i]), *why = bl_path_shown(aerr); /* its message quotes paths */
        fprintf(stderr, _("budgetlint: error: '%s': %s\n"), shown, why);
        free(shown);
        free(why);
    }
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(rec, "findings"))
    {
        const char *sev = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "severity"));
        int level = !sev ? 2 : strcmp(sev, "error") == 0 ? BL_SEV_ERROR : strcmp(sev, "warning") == 0 ? BL_SEV_WARNING : BL_SEV_INFO;
        if (cJSON_GetObjectItemCaseSensitive(f, "accepted"))
            continue; /* explained: shown, never failing, not counted */
        if (level >= o->fail_on)
            c->failing = true;
        c->findings++;
        if (level == BL_SEV_ERROR)
            c->total.errors++;
        else if (level == BL_SEV_WARNING)
            c->total.warnings++;
        else
            c->total.infos++;
    }
    if (c->store && compact) {
        /* an unreadable or missing input is stored too (the bureau's sheet lists it), under
         * a content key of its own: it is checked again next time */
        char err[300];
        char *name = bl_path_utf8(c->in.v[i]); /* the bureau's sheet must open: UTF-8 text only */
        int put = bl_store_put(c->store, name, c->sha[i] ? c->sha[i] : "unread", BL_VERSION, compact, err, sizeof err);
        free(name);
        if (put < 0) {
            clear_progress(c);
            fprintf(stderr, _("budgetlint: error: '%s': %s\n"), o->db, err);
            c->trouble = true;
        }
    }
    cJSON_free(accepted);
    clear_progress(c);
    if (o->format == FMT_TEXT)
        bl_emit_text(rec, stdout, o->color);
    else if (o->format == FMT_GITHUB)
        github_lines(rec);
    else if (o->format == FMT_GITLAB)
        gitlab_issues(c, rec);
    else if (o->format == FMT_SARIF)
        bl_sarif_add(c->sarif, rec); /* one log for the batch, written at the end */
    else {
        /* json: one document, an array of the records, streamed a record a line; jsonl: the lines */
        if (o->format == FMT_JSON)
            fputs(c->json_records++ ? "," : "[", stdout);
        bl_emit_record(rec, stdout, false);
    }
    fflush(stdout); /* streamed: written output is never lost to a later crash */
}

static void done(void *vctx, size_t i, const char *data, size_t len, const bl_batch_fail *fail)
{
    batch_ctx *c = vctx;
    (void)len;
    cJSON *rec = NULL;
    char *owned = NULL;
    const char *compact = data;
    if (!data) { /* a duplicate of an earlier input, or already in the store */
        const char *src = c->dup_of[i] != SIZE_MAX ? c->first_json[c->dup_of[i]] : c->stored[i];
        rec = src ? cJSON_Parse(src) : NULL;
        if (rec) {
            const char *was = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "file"));
            char *name = bl_path_utf8(c->in.v[i]); /* as the record of a file checked alone names it */
            bool same_path = was && strcmp(was, name) == 0;
            cJSON_ReplaceItemInObjectCaseSensitive(rec, "file", cJSON_CreateString(name));
            free(name);
            /* the store keeps each file's record as if checked alone: the same whatever the batch */
            owned = c->dup_of[i] == SIZE_MAX && same_path ? NULL : cJSON_PrintUnformatted(rec);
            if (c->dup_of[i] != SIZE_MAX) {
                char *first = bl_path_utf8(c->in.v[c->dup_of[i]]);
                cJSON_AddStringToObject(rec, "duplicate_of", first);
                free(first);
            }
        } else {
            rec = bl_record_error(c->in.v[i], "crashed", "its duplicate could not be checked");
            owned = cJSON_PrintUnformatted(rec);
        }
        compact = owned; /* NULL: already stored under this path */
    } else if (fail) {
        rec = bl_record_error(c->in.v[i], fail->code, fail->message);
        owned = cJSON_PrintUnformatted(rec);
        compact = owned;
    } else {
        rec = cJSON_Parse(data);
        if (!rec) {
            rec = bl_record_error(c->in.v[i], "crashed", "the worker's record is not JSON");
            owned = cJSON_PrintUnformatted(rec);
            compact = owned;
        }
    }
    /* worker failures are not stored: a re-run tries them again */
    bl_store *keep = c->store;
    if (fail)
        c->store = NULL;
    deliver(c, i, rec, compact);
    c->store = keep;
    if (c->has_dups[i]) { /* later copies of these bytes reuse this record */
        char *j = cJSON_PrintUnformatted(rec);
        if (j) {
            size_t l = strlen(j);
            c->first_json[i] = bl_xmalloc(l + 1);
            memcpy(c->first_json[i], j, l + 1);
            cJSON_free(j);
        }
    }
    cJSON_free(owned);
    cJSON_Delete(rec);
}

static char *sha256_file(const char *path)
{
    /* streamed, never opened when it is not a regular file (a FIFO would block the
     * parent before any worker and its --timeout) */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return NULL;
    }
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    unsigned char chunk[65536];
    ssize_t r;
    while ((r = read(fd, chunk, sizeof chunk)) > 0)
        g_checksum_update(sum, chunk, (gssize)r);
    close(fd);
    char *out = NULL;
    if (r == 0) {
        const gchar *hex = g_checksum_get_string(sum);
        out = bl_xmalloc(strlen(hex) + 1);
        memcpy(out, hex, strlen(hex) + 1);
    }
    g_checksum_free(sum);
    return out;
}

static void read_list(paths *p, const char *from, batch_ctx *c)
{
    FILE *f = strcmp(from, "-") == 0 ? stdin : fopen(from, "r");
    if (!f) {
        fprintf(stderr, _("budgetlint: error: cannot open '%s': %s\n"), from, bl_strerror(errno));
        exit(EXIT_TROUBLE);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            add_input(p, line);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    (void)c;
}

/* A stored record of a failure of the worker, not of the file: checked again next time. */
static bool transient(const char *json)
{
    return strstr(json, "\"code\":\"crashed\"") || strstr(json, "\"code\":\"timeout\"") ||
           strstr(json, "\"code\":\"out-of-memory\"");
}

/* Everything cmd_check allocated, on every way out. */
static void release(batch_ctx *c)
{
    bl_store_close(c->store);
    for (size_t i = 0; i < c->in.n; i++) {
        free(c->in.v[i]);
        if (c->sha)
            free(c->sha[i]);
        if (c->stored)
            free(c->stored[i]);
        if (c->first_json)
            free(c->first_json[i]);
    }
    free(c->in.v);
    free(c->sha);
    free(c->dup_of);
    free(c->stored);
    free(c->first_json);
    free(c->has_dups);
    free(c->stdin_data);
    free(c->annotate_root);
    free(c->input_ids);
}

int cmd_check(options *o)
{
    batch_ctx c = {0};
    c.o = o;
    for (int i = 0; i < o->nfiles; i++)
        add_input(&c.in, o->files[i]);
    if (o->files_from)
        read_list(&c.in, o->files_from, &c);
    if (c.in.n == 0 && !o->files_from)
        die_usage_text(_("no input files (give FILE..., DIR..., or - for stdin)"));
    size_t stdin_uses = 0;
    for (size_t i = 0; i < c.in.n; i++)
        stdin_uses += strcmp(c.in.v[i], "-") == 0;
    if (stdin_uses > 1 || (stdin_uses && o->files_from && strcmp(o->files_from, "-") == 0))
        die_usage_text(_("stdin ('-') can be read only once"));
    if (o->shard_n > 1) { /* a deterministic share: by a hash of the path, so lists may grow */
        size_t w = 0;
        for (size_t i = 0; i < c.in.n; i++) {
            if (fnv1a(c.in.v[i]) % (uint32_t)o->shard_n == (uint32_t)(o->shard_k - 1))
                c.in.v[w++] = c.in.v[i];
            else
                free(c.in.v[i]);
        }
        c.in.n = w;
    }
    size_t n = c.in.n;
    c.sha = calloc(n + 1, sizeof *c.sha);
    c.dup_of = calloc(n + 1, sizeof *c.dup_of);
    c.stored = calloc(n + 1, sizeof *c.stored);
    c.first_json = calloc(n + 1, sizeof *c.first_json);
    c.has_dups = calloc(n + 1, sizeof *c.has_dups);
    if (!c.sha || !c.dup_of || !c.stored || !c.first_json || !c.has_dups) {
        fputs(_("budgetlint: error: out of memory\n"), stderr);
        release(&c);
        return EXIT_INTERNAL;
    }
    if (stdin_uses) {
        /* at most the input cap and one byte more: a larger stdin is too-large, not read whole */
        size_t cap = o->ex.max_bytes ? o->ex.max_bytes : BL_EXTRACT_MAX_BYTES;
        bl_buf b = BL_BUF_INIT;
        char chunk[65536];
        size_t r;
        while (b.len <= cap && (r = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            bl_buf_add(&b, chunk, r);
        c.stdin_data = b.data ? b.data : bl_xmalloc(1);
        c.stdin_len = b.len;
    }
    if (o->annotate_dir || o->write_baseline || o->output) {
        if (o->annotate_dir)
            c.annotate_root = common_folder(&c.in);
        c.input_ids = bl_xmalloc((n + 1) * sizeof *c.input_ids);
        for (size_t i = 0; i < n; i++)
            if (strcmp(c.in.v[i], "-") != 0 && bl_fileid_of(c.in.v[i], &c.input_ids[c.ninput_ids]))
                c.ninput_ids++;
        bl_fileid_sort(c.input_ids, c.ninput_ids);
    }
    if (o->output && bl_outfile_is_one_of(o->output, c.input_ids, c.ninput_ids)) {
        fprintf(stderr, _("budgetlint: error: '%s': --output would overwrite an input\n"), o->output);
        release(&c);
        return EXIT_TROUBLE;
    }
    /* --output FILE: stdout goes to a temporary file beside FILE, renamed into place at the end */
    char *out_tmp = NULL;
    int out_fd = -1;
    if (o->output) {
        char err[300];
        out_tmp = bl_outfile_temp(o->output, &out_fd, err, sizeof err);
        if (!out_tmp || fflush(stdout) != 0 || dup2(out_fd, STDOUT_FILENO) < 0) {
            fprintf(stderr, _("budgetlint: error: '%s': %s\n"), o->output, out_tmp ? bl_strerror(errno) : err);
            release(&c);
            return EXIT_TROUBLE;
        }
    }
    if (o->write_baseline && bl_outfile_is_one_of(o->write_baseline, c.input_ids, c.ninput_ids)) {
        fprintf(stderr, _("budgetlint: error: '%s': --write-baseline would overwrite an input\n"), o->write_baseline);
        release(&c);
        return EXIT_TROUBLE;
    }
    if (o->annotate_dir && mkdir(o->annotate_dir, 0777) < 0 && errno != EEXIST) {
        fprintf(stderr, _("budgetlint: error: cannot create '%s': %s\n"), o->annotate_dir, bl_strerror(errno));
        release(&c);
        return EXIT_TROUBLE;
    }
    if (o->db) {
        char err[300];
        c.store = bl_store_open(o->db, err, sizeof err);
        if (!c.store) {
            fprintf(stderr, _("budgetlint: error: '%s': %s\n"), o->db, err);
            release(&c);
            return EXIT_TROUBLE;
        }
    }
    /* same bytes under two names are checked once; with --db, stored files are not checked again */
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < n; i++) {
        c.dup_of[i] = SIZE_MAX;
        if (n > 1 || c.store) {
            if (strcmp(c.in.v[i], "-") == 0) {
                gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)c.stdin_data, c.stdin_len);
                c.sha[i] = bl_xmalloc(strlen(hex) + 1);
                memcpy(c.sha[i], hex, strlen(hex) + 1);
                g_free(hex);
            } else {
                c.sha[i] = sha256_file(c.in.v[i]);
            }
        }
        if (!c.sha[i])
            continue;
        gpointer first;
        if (g_hash_table_lookup_extended(seen, c.sha[i], NULL, &first)) {
            c.dup_of[i] = (size_t)(uintptr_t)first;
            c.has_dups[c.dup_of[i]] = true;
            continue;
        }
        g_hash_table_insert(seen, c.sha[i], (gpointer)(uintptr_t)i);
        if (c.store && !o->force)
            c.stored[i] = bl_store_lookup(c.store, c.sha[i], BL_VERSION);
        if (c.stored[i] && transient(c.stored[i])) { /* a crash or a timeout is tried again */
            free(c.stored[i]);
            c.stored[i] = NULL;
        }
    }
    g_hash_table_destroy(seen);

    if (!o->config_path)
        input_configs(&c);
    if (o->baseline)
        c.baseline = load_baseline(o->baseline);
    if (o->write_baseline)
        c.seen_fps = g_ptr_array_new_with_free_func((GDestroyNotify)cJSON_Delete);
    c.show_progress = !o->quiet && (o->progress || isatty(STDERR_FILENO));
    if (o->format == FMT_SARIF)
        c.sarif = bl_sarif_new(BL_VERSION);
    c.started = now_s();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    size_t *cost = calloc(n + 1, sizeof *cost);
    for (size_t i = 0; cost && i < n; i++) {
        struct stat st;
        cost[i] = strcmp(c.in.v[i], "-") != 0 && stat(c.in.v[i], &st) == 0 ? (size_t)st.st_size : 0;
    }
    bl_batch b = {0};
    b.cost = cost;
    b.jobs = o->jobs;
    b.timeout_s = o->timeout_s;
    b.mem_limit_mb = (size_t)o->max_memory_mb;
    b.ctx = &c;
    b.work = work;
    b.done = done;
    b.tick = tick;
    b.skip = skip;
    b.stop = &interrupted;
    size_t delivered = bl_batch_run(&b, n);
    free(cost);
    clear_progress(&c);
    if (o->format == FMT_TEXT) {
        char sum[160];
        bl_counts_format(delivered, c.total, sum, sizeof sum);
        printf("%s", sum);
        if (c.accepted)
            printf(_("; %zu accepted (已说明)"), c.accepted);
        if (c.baselined)
            printf(_("; %zu in the baseline, not shown"), c.baselined);
        if (c.nerr)
            printf(_("; %d could not be checked"), c.nerr);
        printf("\n");
    } else if (c.baselined && !o->quiet) {
        fprintf(stderr, _("budgetlint: %zu findings in the baseline '%s' left out\n"), c.baselined, o->baseline);
    }
    if (c.seen_fps && write_baseline(o->write_baseline, c.seen_fps) < 0)
        c.trouble = true;
    if (c.sarif && interrupted)
        bl_sarif_interrupted(c.sarif, delivered, n);
    if (c.sarif)
        bl_sarif_finish(c.sarif, stdout);
    if (o->format == FMT_JSON || o->format == FMT_GITLAB) /* the array closes whatever came: also after an interrupt */
        fputs(c.json_records ? "]\n" : "[]\n", stdout);
    int out_rc = finish_output();
    if (out_tmp) {
        char err[300];
        if (out_rc == 0 && bl_outfile_commit(out_tmp, out_fd, o->output, err, sizeof err) < 0) {
            fprintf(stderr, _("budgetlint: error: '%s': %s\n"), o->output, err);
            out_rc = -1;
        } else if (out_rc != 0) {
            close(out_fd);
            unlink(out_tmp);
            free(out_tmp);
        }
        int null = open("/dev/null", O_WRONLY); /* stdout no longer names the file */
        if (null >= 0) {
            dup2(null, STDOUT_FILENO);
            close(null);
        }
    }
    if (c.show_progress || interrupted || o->stats)
        fprintf(stderr, _("budgetlint: %zu of %zu files in %.3f s (%ld pages), %d unreadable; largest worker %ld KB\n"),
                delivered, n, now_s() - c.started, c.pages, c.nerr, b.max_rss_kb);
    if (c.baseline)
        g_hash_table_destroy(c.baseline);
    if (c.cfgs)
        g_hash_table_destroy(c.cfgs);
    free(c.cfg);
    if (c.seen_fps)
        g_ptr_array_free(c.seen_fps, TRUE);
    release(&c);
    if (interrupted) {
        fprintf(stderr, _("budgetlint: interrupted: %zu of %zu files checked; the rest were not\n"), delivered, n);
        return EXIT_INTERRUPTED;
    }
    if (out_rc < 0)
        return EXIT_TROUBLE;
    return c.trouble ? EXIT_TROUBLE : c.failing ? EXIT_FINDINGS : EXIT_CLEAN;
}
