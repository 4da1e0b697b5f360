/*
 * annots.c FILE.pdf - read a PDF's annotations back with Poppler: one line per
 * annotation, "page<TAB>type<TAB>text under it<TAB>contents", for the tests.
 */
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    char *abs = realpath(argv[1], NULL);
    char *uri = abs ? g_filename_to_uri(abs, NULL, NULL) : NULL;
    PopplerDocument *d = uri ? poppler_document_new_from_file(uri, NULL, NULL) : NULL;
    if (!d) {
        fprintf(stderr, "annots: cannot open %s\n", argv[1]);
        return 2;
    }
    for (int i = 0; i < poppler_document_get_n_pages(d); i++) {
        PopplerPage *p = poppler_document_get_page(d, i);
        GList *m = poppler_page_get_annot_mapping(p);
        for (GList *l = m; l; l = l->next) {
            PopplerAnnotMapping *am = l->data;
            PopplerAnnotType t = poppler_annot_get_annot_type(am->annot);
            /* the mapping's area is in PDF space (y up); text areas run down from the top */
            double w, h;
            poppler_page_get_size(p, &w, &h);
            PopplerRectangle a = {am->area.x1, h - am->area.y2, am->area.x2, h - am->area.y1};
            char *under = poppler_page_get_text_for_area(p, &a);
            char *contents = poppler_annot_get_contents(am->annot);
            for (char *c = under; c && *c; c++)
                if (*c == '\n' || *c == '\t')
                    *c = ' ';
            for (char *c = contents; c && *c; c++)
                if (*c == '\n' || *c == '\t')
                    *c = ' ';
            printf("%d\t%s\t%s\t%s\n", i + 1, t == POPPLER_ANNOT_HIGHLIGHT ? "highlight" : "other",
                   under ? under : "", contents ? contents : "");
            g_free(under);
            g_free(contents);
        }
        poppler_page_free_annot_mapping(m);
        g_object_unref(p);
    }
    g_object_unref(d);
    free(abs);
    g_free(uri);
    return 0;
}
