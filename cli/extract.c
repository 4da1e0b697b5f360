/*
 * extract.c - budgetlint extract (the normalized text, or the tables) and budgetlint numbers.
 */
#include "cli.h"

#include "../core/banned.h"

int cmd_extract(options *o)
{
    if (o->nfiles != 1)
        die_usage_text(_("extract takes exactly one FILE"));
    bl_doc *d = check_one(o->files[0], o, false);
    int rc = EXIT_CLEAN;
    if (d->err.cls != BL_OK) {
        report_error(d);
        rc = EXIT_TROUBLE;
    } else {
        if (o->tables)
            bl_emit_tables(d, stdout);
        else
            bl_emit_normalized(d, stdout);
    }
    bl_doc_free(d);
    if (finish_output() < 0)
        return EXIT_TROUBLE;
    return rc;
}

/* One line per number: page:line, kind, value, unit (measure), tags, text. */
int cmd_numbers(options *o)
{
    if (o->nfiles != 1)
        die_usage_text(_("numbers takes exactly one FILE"));
    bl_doc *d = check_one(o->files[0], o, false);
    int rc = EXIT_CLEAN;
    if (d->err.cls != BL_OK) {
        report_error(d);
        rc = EXIT_TROUBLE;
    } else {
        bl_quantity *q;
        size_t n = bl_quantities(d, &q);
        for (size_t i = 0; i < n; i++) {
            int page, line;
            char v[64], tags[160];
            bl_doc_locate(d, q[i].num_start, &page, &line);
            printf("%d:%d\t%s\t%s\t%s\t%s\t%.*s\n", page, line, bl_qkind_name(q[i].kind),
                   (q[i].tags & BL_QT_DAMAGED) ? "?" : bl_dec_format(q[i].value, v, sizeof v),
                   q[i].unit == BL_QU_MEASURE ? q[i].measure : bl_qunit_name(q[i].unit),
                   bl_qtags_format(q[i].tags, tags, sizeof tags), (int)(q[i].end - q[i].start),
                   d->text + q[i].start);
        }
    }
    bl_doc_free(d);
    if (finish_output() < 0)
        return EXIT_TROUBLE;
    return rc;
}
