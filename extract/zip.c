/* zip.c - parts of a ZIP container (DOCX, OFD) read with caps, and parsed as XML safely. */
#include "readers.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../core/banned.h"

struct bl_zip {
    zip_t *z;
    size_t spent; /* bytes expanded so far, against BL_ZIP_TOTAL_MAX */
};

bl_zip *bl_zip_open(const char *data, size_t len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return NULL;
    }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    zip_error_fini(&ze);
    if (!z) {
        zip_source_free(src);
        return NULL;
    }
    bl_zip *r = bl_xmalloc(sizeof *r);
    r->z = z;
    r->spent = 0;
    return r;
}

void bl_zip_close(bl_zip *z)
{
    if (!z)
        return;
    zip_discard(z->z);
    free(z);
}

static zip_int64_t locate(bl_zip *z, const char *name)
{
    while (*name == '/')
        name++;
    zip_int64_t i = zip_name_locate(z->z, name, 0);
    if (i < 0)
        i = zip_name_locate(z->z, name, ZIP_FL_NOCASE);
    return i;
}

bool bl_zip_has(bl_zip *z, const char *name)
{
    return locate(z, name) >= 0;
}

char *bl_zip_read(bl_zip *z, bl_doc *doc, const char *what, const char *name, size_t *len)
{
    *len = 0;
    zip_int64_t i = locate(z, name);
    if (i < 0) {
        bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "damaged %s: part %s is missing", what, name);
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(z->z, (zip_uint64_t)i, 0);
    if (!f) {
        bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "damaged %s: part %s cannot be opened: %s", what, name,
                    zip_strerror(z->z));
        return NULL;
    }
    bl_buf b = BL_BUF_INIT;
    char chunk[65536];
    zip_int64_t n;
    bool over = false;
    /* the size a header claims may lie: count what really comes out */
    while ((n = zip_fread(f, chunk, sizeof chunk)) > 0) {
        if (b.len + (size_t)n > BL_ZIP_PART_MAX || z->spent + (size_t)n > BL_ZIP_TOTAL_MAX) {
            over = true;
            break;
        }
        bl_buf_add(&b, chunk, (size_t)n);
        z->spent += (size_t)n;
    }
    if (over) {
        zip_fclose(f);
        bl_buf_release(&b);
        bl_doc_fail(doc, BL_ERR_LIMIT, "too-large",
                    "%s part %s expands beyond %zu MiB (a zip bomb?)", what, name,
                    (z->spent + (size_t)n > BL_ZIP_TOTAL_MAX ? BL_ZIP_TOTAL_MAX : BL_ZIP_PART_MAX) >> 20);
        return NULL;
    }
    if (n < 0) {
        bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "damaged %s: part %s cannot be read: %s", what, name,
                    zip_file_strerror(f));
        zip_fclose(f);
        bl_buf_release(&b);
        return NULL;
    }
    zip_fclose(f);
    bl_buf_addc(&b, '\0');
    *len = b.len - 1;
    return b.data;
}

/* A DOCTYPE before the root element (in the prolog, after comments and PIs). */
static bool has_doctype(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return false;
        i = (size_t)(lt - s);
        if (n - i >= 9 && strncmp(s + i, "<!DOCTYPE", 9) == 0)
            return true;
        if (n - i >= 2 && (s[i + 1] == '?' || s[i + 1] == '!')) {
            const char *end = s[i + 1] == '?' ? strstr(s + i, "?>") : strstr(s + i, "-->");
            if (!end)
                return false;
            i = (size_t)(end - s) + 2;
            continue;
        }
        return false; /* the root element: no DTD can follow */
    }
    return false;
}

xmlDoc *bl_zip_xml(bl_zip *z, bl_doc *doc, const char *what, const char *name)
{
    size_t len;
    char *data = bl_zip_read(z, doc, what, name, &len);
    if (!data)
        return NULL;
    if (has_doctype(data, len)) {
        free(data);
        bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "damaged %s: part %s has a DOCTYPE (refused: entities are never expanded)",
                    what, name);
        return NULL;
    }
    if (len > (size_t)INT32_MAX) { /* cannot happen under the part cap; xmlReadMemory takes an int */
        free(data);
        bl_doc_fail(doc, BL_ERR_LIMIT, "too-large", "%s part %s is too large", what, name);
        return NULL;
    }
    xmlInitParser();
    xmlParserCtxtPtr ctx = xmlNewParserCtxt();
    if (!ctx) {
        free(data);
        bl_doc_fail(doc, BL_ERR_INTERNAL, "internal", "out of memory parsing %s", name);
        return NULL;
    }
    /* no XML_PARSE_NOENT (no entity substitution), no DTD loading, no network, and not
     * XML_PARSE_HUGE: libxml2's own depth (256) and text-size limits stay on */
    xmlDoc *x = xmlCtxtReadMemory(ctx, data, (int)len, name, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (!x) {
        const xmlError *e = xmlCtxtGetLastError(ctx);
        char msg[160];
        snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "not well-formed");
        size_t m = strlen(msg);
        while (m && (msg[m - 1] == '\n' || msg[m - 1] == ' '))
            msg[--m] = '\0';
        bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "damaged %s: part %s is not XML (line %d: %s)", what, name,
                    e ? e->line : 0, msg);
    }
    xmlFreeParserCtxt(ctx);
    free(data);
    return x;
}

bool bl_xml_is(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

const char *bl_xml_attr(const xmlNode *n, const char *local)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, local) == 0)
            return a->children && a->children->type == XML_TEXT_NODE ? (const char *)a->children->content : "";
    return NULL;
}

const xmlNode *bl_xml_child(const xmlNode *n, const char *local)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (bl_xml_is(c, local))
            return c;
    return NULL;
}
