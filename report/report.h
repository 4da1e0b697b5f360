/*
 * report.h - the bureau's views of a results store: an XLSX workbook (a sheet
 * of reports and a sheet of findings, for WPS and Excel), CSV (UTF-8 with a
 * BOM so Excel reads the Chinese), and one self-contained HTML page.
 * Each returns 0, or -1 with a one-line message in err.
 */
#ifndef BL_REPORT_H
#define BL_REPORT_H

#include <stddef.h>

#include "../store/store.h"

int bl_report_xlsx(bl_store *s, const char *path, char *err, size_t errsz);
/** Reports to path; findings to the same name with "-findings" before ".csv". */
int bl_report_csv(bl_store *s, const char *path, char *err, size_t errsz);
int bl_report_html(bl_store *s, const char *path, char *err, size_t errsz);

#endif
