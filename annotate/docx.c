/*
 * docx.c - a checked DOCX draft back to its department with every finding as a Word
 * comment (word/comments.xml) anchored on the run that states the figure, so it is
 * fixed in Word with the comments in the margin. The copy holds every part of the
 * original unchanged but the main part (the comment anchors), the comments part
 * (created, or appended to), its relationship and its content type. The original is
 * never opened for writing; the copy is written beside its target and renamed in.
 */
#include "annotate.h"

#include <fcntl.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "../core/outfile.h"
#include "../extract/extract.h"

#include "../core/banned.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define PART_MAX ((zip_uint64_t)64 << 20)

static bool is(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

/* A part of the original, at most PART_MAX bytes (NUL-terminated; caller frees); NULL when absent. */
static char *read_part(zip_t *z, const char *name, size_t *len)
{
    zip_int64_t i = zip_name_locate(z, name, ZIP_FL_NOCASE);
    if (i < 0)
        return NULL;
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
    if (!f)
        return NULL;
    GByteArray *b = g_byte_array_new();
    char chunk[65536];
    zip_int64_t n;
    while ((n = zip_fread(f, chunk, sizeof chunk)) > 0 && b->len + (zip_uint64_t)n <= PART_MAX)
        g_byte_array_append(b, (const guint8 *)chunk, (guint)n);
    zip_fclose(f);
    if (n != 0) {
        g_byte_array_free(b, TRUE);
        return NULL;
    }
    *len = b->len;
    g_byte_array_append(b, (const guint8 *)"", 1);
    return (char *)g_byte_array_free(b, FALSE);
}

/* Parse a small part of the original without DTDs, entities or network (NULL when it has a DOCTYPE). */
static xmlDoc *parse(const char *data, size_t len, const char *name)
{
    if (!data || strstr(data, "<!DOCTYPE") || len > (size_t)INT32_MAX)
        return NULL;
    return xmlReadMemory(data, (int)len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* The text of a w:t or the concatenated w:t texts under n. */
static bool run_has(const xmlNode *r, const char *figure)
{
    for (const xmlNode *c = r->children; c; c = c->next)
        if (is(c, "t")) {
            xmlChar *t = xmlNodeGetContent(c);
            bool hit = t && strstr((const char *)t, figure);
            xmlFree(t);
            if (hit)
                return true;
        }
    return false;
}

/* The first w:r under n (paragraphs, insertions, hyperlinks; not deletions) whose text holds figure. */
static xmlNode *find_run(xmlNode *n, const char *figure, int depth)
{
    if (depth > 64)
        return NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is(c, "del") || is(c, "moveFrom"))
            continue;
        if (is(c, "r")) {
            if (figure && run_has(c, figure))
                return c;
        } else {
            xmlNode *r = find_run(c, figure, depth + 1);
            if (r)
                return r;
        }
    }
    return NULL;
}

/* The first paragraph under n. */
static xmlNode *first_para(xmlNode *n, int depth)
{
    if (depth > 64)
        return NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (is(c, "p"))
            return c;
        if (c->type == XML_ELEMENT_NODE) {
            xmlNode *p = first_para(c, depth + 1);
            if (p)
                return p;
        }
    }
    return NULL;
}

static xmlNode *w_node(xmlDoc *x, xmlNs *ns, const char *name, int id)
{
    xmlNode *n = xmlNewDocNode(x, ns, (const xmlChar *)name, NULL);
    char v[16];
    snprintf(v, sizeof v, "%d", id);
    xmlNewNsProp(n, ns, (const xmlChar *)"id", (const xmlChar *)v);
    return n;
}

/*
 * Anchor comment id on the run stating the figure inside unit (a w:p, or a w:tr: the
 * cell-th cell), else on the whole of the unit's (cell's) first paragraph.
 */
static bool anchor(xmlDoc *x, xmlNode *unit, int cell, const char *figure, int id)
{
    xmlNode *scope = unit;
    if (is(unit, "tr")) {
        int k = 0;
        for (xmlNode *c = unit->children; c; c = c->next)
            if (is(c, "tc") && k++ == cell) {
                scope = c;
                break;
            }
    }
    xmlNs *ns = xmlSearchNsByHref(x, xmlDocGetRootElement(x), (const xmlChar *)W_NS);
    if (!ns)
        return false;
    xmlNode *start = w_node(x, ns, "commentRangeStart", id), *end = w_node(x, ns, "commentRangeEnd", id);
    xmlNode *ref_run = xmlNewDocNode(x, ns, (const xmlChar *)"r", NULL);
    xmlAddChild(ref_run, w_node(x, ns, "commentReference", id));
    xmlNode *run = find_run(scope, figure, 0);
    if (run) {
        xmlAddPrevSibling(run, start);
        xmlAddNextSibling(run, end);
        xmlAddNextSibling(end, ref_run);
        return true;
    }
    xmlNode *p = is(scope, "p") ? scope : first_para(scope, 0);
    if (!p) {
        xmlFreeNode(start);
        xmlFreeNode(end);
        xmlFreeNode(ref_run);
        return false;
    }
    /* after the paragraph properties, around everything else */
    xmlNode *first = p->children;
    while (first && is(first, "pPr"))
        first = first->next;
    if (first)
        xmlAddPrevSibling(first, start);
    else
        xmlAddChild(p, start);
    xmlAddChild(p, end);
    xmlAddChild(p, ref_run);
    return true;
}

/* The figure as the report printed it: the raw characters of the number starting at the fact's figure. */
static void figure_of(const bl_doc *d, const bl_fact *x, char *out, size_t size)
{
    out[0] = '\0';
    if (!d->src || x->num_at >= d->text_len)
        return;
    size_t r = d->src[x->num_at], o = 0;
    while (r < d->raw_len && o + 1 < size) {
        char c = d->raw[r];
        if (!((c >= '0' && c <= '9') || c == '.' || c == ','))
            break;
        out[o++] = c;
        r++;
    }
    while (o && (out[o - 1] == '.' || out[o - 1] == ','))
        o--;
    out[o] = '\0';
}

/* Which line of doc->lines holds raw offset r, and which cell of it. */
static size_t line_of(const bl_doc *d, size_t r, int *cell)
{
    size_t k = bl_doc_line_at(d, r);
    *cell = 0;
    if (k < d->nlines)
        for (size_t i = d->lines[k].off; i < r && i < d->raw_len; i++)
            *cell += d->raw[i] == '\t';
    return k;
}

static void add_comment(GString *c, int id, const char *text)
{
    gchar *esc = g_markup_escape_text(text, -1);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    g_string_append_printf(c, "<w:comment w:id=\"%d\" w:author=\"budgetlint\" w:initials=\"BL\" w:date=\"%s\">", id, date);
    /* one paragraph a line of the note */
    gchar **lines = g_strsplit(esc, "\n", -1);
    for (int k = 0; lines[k]; k++)
        g_string_append_printf(c, "<w:p><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>", lines[k]);
    g_strfreev(lines);
    g_string_append(c, "</w:comment>");
    g_free(esc);
}

/* The largest w:id of the comments already in the draft (-1 when none). */
static int max_comment_id(xmlDoc *c)
{
    int m = -1;
    for (xmlNode *n = c ? xmlDocGetRootElement(c)->children : NULL; n; n = n->next)
        if (is(n, "comment")) {
            xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"id", (const xmlChar *)W_NS);
            int id = v ? atoi((const char *)v) : -1;
            xmlFree(v);
            if (id > m)
                m = id;
        }
    return m;
}

static char *dump(xmlDoc *x, size_t *len)
{
    xmlChar *buf = NULL;
    int n = 0;
    xmlDocDumpMemoryEnc(x, &buf, &n, "UTF-8");
    char *out = g_malloc((size_t)n + 1);
    memcpy(out, buf, (size_t)n);
    out[n] = '\0';
    xmlFree(buf);
    *len = (size_t)n;
    return out;
}

static bool put(zip_t *dst, const char *name, char *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(dst, data, len, 1);
    if (!s)
        return false;
    if (zip_file_add(dst, name, s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(s);
        return false;
    }
    return true;
}

/* The comments part's relationship and content type, when the draft has none. */
static char *with_rel(const char *rels, size_t *len)
{
    const char *rel = "<Relationship Id=\"rIdBudgetlintComments\" "
                      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" "
                      "Target=\"comments.xml\"/>";
    if (!rels) {
        char *s = g_strdup_printf("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                                  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">%s"
                                  "</Relationships>", rel);
        *len = strlen(s);
        return s;
    }
    if (strstr(rels, "relationships/comments\""))
        return NULL;
    const char *end = strstr(rels, "</Relationships>");
    if (!end)
        return NULL;
    char *s = g_strdup_printf("%.*s%s%s", (int)(end - rels), rels, rel, end);
    *len = strlen(s);
    return s;
}

static char *with_type(const char *types, size_t *len)
{
    if (!types || strstr(types, "/word/comments.xml"))
        return NULL;
    const char *end = strstr(types, "</Types>");
    if (!end)
        return NULL;
    char *s = g_strdup_printf("%.*s<Override PartName=\"/word/comments.xml\" ContentType=\"application/"
                              "vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>%s",
                              (int)(end - types), types, end);
    *len = strlen(s);
    return s;
}

int bl_annotate_docx(const bl_doc *d, const char *out_path, char *err, size_t errsz)
{
    gchar *data = NULL;
    gsize len = 0;
    GError *ge = NULL;
    if (!g_file_get_contents(d->path, &data, &len, &ge)) {
        snprintf(err, errsz, "cannot read the DOCX again: %s", ge->message);
        g_error_free(ge);
        return -1;
    }
    bl_docx_map map;
    if (bl_docx_map_open(data, len, &map, err, errsz) < 0) {
        g_free(data);
        return -1;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *srcbuf = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *src = srcbuf ? zip_open_from_source(srcbuf, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!src) {
        if (srcbuf)
            zip_source_free(srcbuf);
        bl_docx_map_free(&map);
        g_free(data);
        snprintf(err, errsz, "cannot read the DOCX again: not a ZIP archive");
        return -1;
    }
    /* the draft's own comments, if any: ours are appended with ids after theirs */
    size_t clen = 0;
    char *ctext = read_part(src, "word/comments.xml", &clen);
    xmlDoc *cdoc = ctext ? parse(ctext, clen, "comments.xml") : NULL;
    int next_id = max_comment_id(cdoc) + 1;
    GString *comments = g_string_new(NULL);
    int added = 0;
    xmlDoc *x = map.xml;
    for (size_t k = 0; k < d->nfindings; k++) {
        const bl_finding *f = &d->findings[k];
        for (int j = 0; j < f->nfacts; j++) {
            const bl_fact *fx = bl_doc_fact(d, f->facts[j]);
            if (!fx || fx->derived || fx->end <= fx->start || fx->end > d->text_len)
                continue;
            int cell;
            size_t li = line_of(d, d->src[fx->num_at < d->text_len ? fx->num_at : fx->start], &cell);
            if (li >= map.nnodes || li >= d->nlines)
                continue;
            char figure[64];
            figure_of(d, fx, figure, sizeof figure);
            if (!anchor(x, map.nodes[li], cell, figure[0] ? figure : NULL, next_id))
                continue;
            bool stated = fx->page == f->page && fx->line == f->line;
            char *note = g_strdup_printf("[%s] %s（%s）：%s%s%s", f->rule, bl_severity_name(f->severity),
                                         stated ? "陈述值" : "复算依据", f->message,
                                         f->stated && stated ? "\n陈述：" : "", f->stated && stated ? f->stated : "");
            add_comment(comments, next_id++, note);
            g_free(note);
            added++;
        }
    }
    /* the comments part: the draft's with ours appended, or ours alone */
    char *cpart;
    size_t cpart_len;
    if (cdoc) {
        char *body = dump(cdoc, &cpart_len);
        char *end = g_strrstr(body, "</w:comments>");
        cpart = end ? g_strdup_printf("%.*s%s%s", (int)(end - body), body, comments->str, end) : NULL;
        g_free(body);
        if (!cpart) {
            snprintf(err, errsz, "the draft's comments part is not understood; no copy written");
            added = -1;
        }
    } else {
        cpart = g_strdup_printf("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                                "<w:comments xmlns:w=\"" W_NS "\">%s</w:comments>", comments->str);
    }
    g_string_free(comments, TRUE);
    int fd = -1;
    char *tmp = added >= 0 ? bl_outfile_temp(out_path, &fd, err, errsz) : NULL;
    int rc = -1;
    if (tmp) {
        close(fd);
        int zerr = 0;
        zip_t *dst = zip_open(tmp, ZIP_TRUNCATE, &zerr);
        bool ok = dst != NULL;
        zip_int64_t n = zip_get_num_entries(src, 0);
        for (zip_int64_t i = 0; ok && i < n; i++) {
            const char *name = zip_get_name(src, (zip_uint64_t)i, 0);
            zip_source_t *s = name ? zip_source_zip(dst, src, (zip_uint64_t)i, 0, 0, -1) : NULL;
            ok = s && zip_file_add(dst, name, s, ZIP_FL_OVERWRITE) >= 0;
            if (!ok && s)
                zip_source_free(s);
        }
        size_t dlen, rl = 0, tl = 0, olen = 0, olen2 = 0;
        char *doc_xml = dump(x, &dlen);
        char *rels = read_part(src, "word/_rels/document.xml.rels", &olen);
        char *types = read_part(src, "[Content_Types].xml", &olen2);
        char *nrels = with_rel(rels, &rl), *ntypes = with_type(types, &tl);
        g_free(rels);
        g_free(types);
        ok = ok && put(dst, map.part, doc_xml, dlen);
        ok = ok && put(dst, "word/comments.xml", cpart, strlen(cpart));
        cpart = NULL;
        if (ok && nrels)
            ok = put(dst, "word/_rels/document.xml.rels", nrels, rl);
        else
            g_free(nrels);
        if (ok && ntypes)
            ok = put(dst, "[Content_Types].xml", ntypes, tl);
        else
            g_free(ntypes);
        if (dst && (!ok || zip_close(dst) < 0)) {
            snprintf(err, errsz, "cannot write '%s': %s", out_path, zip_strerror(dst));
            zip_discard(dst);
            ok = false;
        } else if (!dst) {
            snprintf(err, errsz, "cannot write '%s': cannot create the archive", out_path);
        }
        if (ok) {
            /* libzip wrote the archive through its own temporary file onto tmp: commit that */
            int fd2 = open(tmp, O_RDONLY);
            rc = fd2 >= 0 && bl_outfile_commit(tmp, fd2, out_path, err, errsz) == 0 ? added : -1;
            if (fd2 < 0) {
                snprintf(err, errsz, "cannot write '%s': the copy vanished", out_path);
                unlink(tmp);
                free(tmp);
            }
        } else {
            unlink(tmp);
            free(tmp);
        }
    }
    g_free(cpart);
    if (cdoc)
        xmlFreeDoc(cdoc);
    g_free(ctext);
    zip_close(src);
    bl_docx_map_free(&map);
    g_free(data);
    return rc;
}
