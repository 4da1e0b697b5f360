/*
 * fuzz_container.c - libFuzzer target: the DOCX and OFD readers (#15). The input's
 * first byte chooses the container; the rest is the XML of its main part (a DOCX's
 * word/document.xml, or an OFD page's Content.xml), zipped in memory with the other
 * parts a reader needs, then read by bl_extract_bytes, normalized, parsed, validated.
 * Invariants: extraction succeeds or fails with an error code and a message; every
 * line lies inside raw; the normalized text is valid UTF-8. Any crash or sanitizer
 * report is a bug.
 */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../extract/extract.h"
#include "../normalize/normalize.h"
#include "../parse/parse.h"
#include "../validate/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char ofd_xml[] = "<?xml version=\"1.0\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:DocBody>"
                              "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
static const char ofd_doc[] = "<?xml version=\"1.0\"?><ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Pages>"
                              "<ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>";
static const char types[] = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                            "content-types\"/>";

static void add(zip_t *z, const char *name, const void *p, size_t n)
{
    zip_source_t *s = zip_source_buffer(z, p, n, 0);
    if (s && zip_file_add(z, name, s, ZIP_FL_OVERWRITE) < 0)
        zip_source_free(s);
}

/* The parts zipped in memory: the archive's bytes (malloc'd) and length, or NULL. */
static char *zipped(bool ofd, const uint8_t *xml, size_t n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *buf = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = buf ? zip_open_from_source(buf, ZIP_TRUNCATE, &ze) : NULL;
    zip_error_fini(&ze);
    if (!z) {
        if (buf)
            zip_source_free(buf);
        return NULL;
    }
    zip_source_keep(buf);
    if (ofd) {
        add(z, "OFD.xml", ofd_xml, sizeof ofd_xml - 1);
        add(z, "Doc_0/Document.xml", ofd_doc, sizeof ofd_doc - 1);
        add(z, "Doc_0/Pages/Page_0/Content.xml", xml, n);
    } else {
        add(z, "[Content_Types].xml", types, sizeof types - 1);
        add(z, "word/document.xml", xml, n);
    }
    char *out = NULL;
    if (zip_close(z) == 0 && zip_source_open(buf) == 0) {
        zip_stat_t st;
        if (zip_source_stat(buf, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
            out = malloc(st.size + 1);
            *len = out ? (size_t)zip_source_read(buf, out, st.size) : 0;
        }
        zip_source_close(buf);
    } else {
        zip_discard(z);
    }
    zip_source_free(buf);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 16)
        return 0;
    size_t len = 0;
    char *z = zipped(data[0] & 1, data + 1, size - 1, &len);
    if (!z)
        return 0;
    bl_doc *d = bl_doc_new("fuzz");
    if (bl_extract_bytes(d, z, len, false, NULL) == 0) {
        for (size_t i = 0; i < d->nlines; i++)
            if (d->lines[i].off + d->lines[i].len > d->raw_len)
                abort();
        bl_normalize(d);
        if (!bl_utf8_valid(d->text, d->text_len))
            abort();
        if (bl_parse(d) == 0)
            bl_validate(d);
    } else if (!d->err.code || !d->err.message) {
        abort();
    }
    bl_doc_free(d);
    free(z);
    return 0;
}
