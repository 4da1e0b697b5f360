/*
 * docx.c - a Word document (WordprocessingML in a ZIP) to lines: each body
 * paragraph one prose line, each table row one line of cells with their grid
 * columns. Runs are joined; field results are kept and field codes dropped;
 * tracked insertions are kept and deletions dropped; headers, footers,
 * footnotes, comments and text boxes are left out. Pages come from the page
 * breaks Word recorded when it last laid the document out
 * (w:lastRenderedPageBreak) or, when it recorded none, from explicit breaks
 * (a page break, page-break-before, a section starting on a new page).
 */
#include "readers.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

#define MAX_DEPTH 64   /* nested tables, content controls: deeper is left out */
#define MAX_GRID 256

typedef struct {
    bl_lines L;
    int page, line, ntables;
    bool rendered;      /* the document records Word's page breaks */
    int before, after;  /* page breaks met in the paragraph or row being read: before its
                           first text (it starts a new page) and after (the lines after it do) */
    bool seen;          /* the paragraph or row has text so far */
    int open_rows;      /* rows of the last table while nothing but tables followed it (-1: none):
                           tables that touch print as one frame and read as one table */
    double open_gx[MAX_GRID + 1]; /* that table's column edges */
    int open_ng;
    bl_buf text;        /* the paragraph or cell being read */
    const xmlNode *unit;      /* the w:p or w:tr being read */
    const xmlNode **nodes;    /* when asked (bl_docx_map_open): each line's element */
    size_t nnodes, capnodes;
} reader;

static bool is_cjk_byte_end(const bl_buf *b)
{
    /* the last character is not ASCII (a CJK character or punctuation) */
    return b->len && (unsigned char)b->data[b->len - 1] >= 0x80;
}

static void add_text(bl_buf *b, const char *s)
{
    for (; *s; s++)
        bl_buf_addc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void page_break(reader *r, bool rendered)
{
    if (rendered != r->rendered)
        return;
    if (r->seen)
        r->after++;
    else
        r->before++;
}

/* The text so far holds more than spaces. */
static void note_text(reader *r)
{
    for (size_t k = 0; k < r->text.len && !r->seen; k++)
        r->seen = r->text.data[k] != ' ';
}

/* The runs under n: text, tabs, breaks; fields' results, insertions. */
static void runs(reader *r, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *nm = (const char *)c->name;
        if (bl_xml_is(c, "t")) {
            for (const xmlNode *t = c->children; t; t = t->next)
                if (t->type == XML_TEXT_NODE && t->content) {
                    add_text(&r->text, (const char *)t->content);
                    note_text(r);
                }
        } else if (bl_xml_is(c, "tab") || bl_xml_is(c, "ptab")) {
            bl_buf_addc(&r->text, ' ');
        } else if (bl_xml_is(c, "br") || bl_xml_is(c, "cr")) {
            const char *type = bl_xml_attr(c, "type");
            if (type && strcmp(type, "page") == 0)
                page_break(r, false);
            else if (!type || strcmp(type, "textWrapping") == 0)
                bl_buf_addc(&r->text, ' ');
        } else if (bl_xml_is(c, "lastRenderedPageBreak")) {
            page_break(r, true);
        } else if (bl_xml_is(c, "noBreakHyphen")) {
            bl_buf_addc(&r->text, '-');
        } else if (!strcmp(nm, "del") || !strcmp(nm, "moveFrom") || !strcmp(nm, "delText") ||
                   !strcmp(nm, "instrText") || !strcmp(nm, "delInstrText") || !strcmp(nm, "rPr") ||
                   !strcmp(nm, "pPr") || !strcmp(nm, "drawing") || !strcmp(nm, "pict") ||
                   !strcmp(nm, "object") || !strcmp(nm, "AlternateContent") ||
                   !strcmp(nm, "footnoteReference") || !strcmp(nm, "endnoteReference") ||
                   !strcmp(nm, "commentReference")) {
            continue; /* deletions, field codes, properties, drawings and text boxes */
        } else {
            runs(r, c, depth + 1); /* r, ins, moveTo, hyperlink, fldSimple, smartTag, sdt … */
        }
    }
}

static int attr_int(const xmlNode *n, const char *local, int dflt)
{
    const char *v = bl_xml_attr(n, local);
    if (!v || !*v)
        return dflt;
    char *end;
    long x = strtol(v, &end, 10);
    return x < 0 ? 0 : x > 1000000 ? 1000000 : (int)x;
}

static bool pr_breaks_before(const xmlNode *ppr)
{
    const xmlNode *b = bl_xml_child(ppr, "pageBreakBefore");
    if (!b)
        return false;
    const char *v = bl_xml_attr(b, "val");
    return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* A section ending at this paragraph whose next section starts on a new page. */
static bool pr_section_breaks(const xmlNode *ppr)
{
    const xmlNode *s = bl_xml_child(ppr, "sectPr");
    if (!s)
        return false;
    const char *t = bl_xml_attr(bl_xml_child(s, "type"), "val");
    return !t || strcmp(t, "continuous") != 0;
}

static void turn_pages(reader *r, int n)
{
    if (n > 0) {
        r->page += n;
        r->line = 0;
    }
}

/* Start reading a paragraph or row: breaks already recorded for it (page-break-before). */
static void unit_start(reader *r, int before)
{
    r->before = before;
    r->after = 0;
    r->seen = false;
    r->text.len = 0;
}

/* Trimmed text of r->text as one prose line. */
static void note_node(reader *r)
{
    if (!r->capnodes)
        return;
    if (r->nnodes == r->capnodes)
        r->nodes = bl_xrealloc(r->nodes, (r->capnodes = r->capnodes * 2 + 64) * sizeof *r->nodes);
    r->nodes[r->nnodes++] = r->unit;
}

static void emit_prose(reader *r)
{
    size_t a = 0, b = r->text.len;
    const char *s = r->text.data;
    while (a < b && s[a] == ' ')
        a++;
    while (b > a && s[b - 1] == ' ')
        b--;
    if (b > a) {
        bl_line *l = bl_lines_add(&r->L, r->page, ++r->line);
        note_node(r);
        l->off = r->L.raw.len;
        l->len = b - a;
        bl_buf_add(&r->L.raw, s + a, b - a);
        bl_buf_addc(&r->L.raw, '\n');
    }
    r->text.len = 0;
}

static void paragraph(reader *r, const xmlNode *p)
{
    const xmlNode *ppr = bl_xml_child(p, "pPr");
    /* page-break-before on a paragraph that is not the first of its page */
    unit_start(r, !r->rendered && pr_breaks_before(ppr) && r->line);
    r->unit = p;
    runs(r, p, 0);
    if (r->seen) {
        turn_pages(r, r->before);
        r->open_rows = -1;
    }
    emit_prose(r);
    /* an empty paragraph's breaks all turn pages */
    turn_pages(r, (r->seen ? 0 : r->before) + r->after + (!r->rendered && pr_section_breaks(ppr)));
}

static void block(reader *r, const xmlNode *n, int depth);

/* A cell's text: its paragraphs (and nested tables) joined. */
static void cell_text(reader *r, const xmlNode *tc, bl_buf *out, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = tc->children; c; c = c->next) {
        if (bl_xml_is(c, "p")) {
            r->text.len = 0;
            runs(r, c, 0);
            size_t a = 0, b = r->text.len;
            while (a < b && r->text.data[a] == ' ')
                a++;
            while (b > a && r->text.data[b - 1] == ' ')
                b--;
            if (b > a) {
                /* wrapped lines of a cell: CJK joins directly, two words with a space */
                if (out->len && !is_cjk_byte_end(out) && (unsigned char)r->text.data[a] < 0x80)
                    bl_buf_addc(out, ' ');
                bl_buf_add(out, r->text.data + a, b - a);
            }
        } else if (bl_xml_is(c, "tbl") || bl_xml_is(c, "tr") || bl_xml_is(c, "tc") || bl_xml_is(c, "sdt") ||
                   bl_xml_is(c, "sdtContent") || bl_xml_is(c, "customXml") || bl_xml_is(c, "ins") ||
                   bl_xml_is(c, "moveTo")) {
            cell_text(r, c, out, depth + 1);
        }
    }
}

/* The table being read: its grid (column edges in points), number, rows so far, a row's text. */
typedef struct {
    double gx[MAX_GRID + 1]; /* from the table's left edge, or its centre when centred */
    int ng, table, row;
    bl_buf cells;
    const double *cols;      /* the columns cells are counted in: the first of touching tables' */
    int ncols;
} tgrid;

/*
 * A row of a table touching the one above counts its cells in the columns above when
 * each cell's middle falls in a column of its own there (a 合计 row under an indicator
 * table, its figures under 权重 and 得分, as a page shows them); a row
 * the columns above do not fit makes its own grid the one rows below count in.
 */
static void count_columns(tgrid *g, bl_cell *cs, int nc)
{
    if (g->cols == g->gx)
        return;
    int map[MAX_GRID];
    for (int k = 0; k < nc; k++) {
        map[k] = -1;
        double mid = (cs[k].x0 + cs[k].x1) / 2;
        for (int e = 0; e < g->ncols; e++)
            if (mid >= g->cols[e] && mid < g->cols[e + 1])
                map[k] = e;
        if (map[k] < 0 || (k && map[k] <= map[k - 1])) {
            g->cols = g->gx, g->ncols = g->ng;
            return;
        }
    }
    for (int k = 0; k < nc; k++)
        cs[k].col = map[k];
}

static void table_rows(reader *r, const xmlNode *parent, tgrid *g, int depth)
{
    for (const xmlNode *tr = parent->children; tr; tr = tr->next) {
        if (bl_xml_is(tr, "sdt") || bl_xml_is(tr, "customXml")) { /* rows wrapped in a content control */
            const xmlNode *in = bl_xml_is(tr, "sdt") ? bl_xml_child(tr, "sdtContent") : tr;
            if (in && depth < MAX_DEPTH)
                table_rows(r, in, g, depth + 1);
            continue;
        }
        if (!bl_xml_is(tr, "tr"))
            continue;
        int col = attr_int(bl_xml_child(bl_xml_child(tr, "trPr"), "gridBefore"), "val", 0);
        bl_cell cs[MAX_GRID];
        int nc = 0;
        g->cells.len = 0;
        unit_start(r, 0);
        for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
            const xmlNode *cell = tc;
            if (bl_xml_is(tc, "sdt"))
                cell = bl_xml_child(bl_xml_child(tc, "sdtContent"), "tc");
            if (!cell || !bl_xml_is(cell, "tc"))
                continue;
            const xmlNode *pr = bl_xml_child(cell, "tcPr");
            int span = attr_int(bl_xml_child(pr, "gridSpan"), "val", 1);
            if (span < 1)
                span = 1;
            const xmlNode *vm = bl_xml_child(pr, "vMerge");
            const char *vv = bl_xml_attr(vm, "val");
            bool cont = vm && !(vv && strcmp(vv, "restart") == 0);
            bl_buf ct = BL_BUF_INIT;
            cell_text(r, cell, &ct, depth + 1);
            /* a vertically merged cell's text is in its first row only, as printed */
            if (!cont && ct.len && nc < MAX_GRID) {
                bl_cell *c = &cs[nc++];
                bool grid = col + span <= g->ng;
                c->x0 = grid ? (float)g->gx[col] : (float)col * 60.0f;
                c->x1 = grid ? (float)g->gx[col + span] : (float)(col + span) * 60.0f - 6.0f;
                c->col = col;
                c->off = g->cells.len;
                c->len = ct.len;
                if (g->cells.len)
                    bl_buf_addc(&g->cells, '\t'), c->off++;
                bl_buf_add(&g->cells, ct.data, ct.len);
            }
            bl_buf_release(&ct);
            col += span;
        }
        /* a row whose text starts on a new page moves there */
        if (nc) {
            turn_pages(r, r->before);
            count_columns(g, cs, nc);
            bl_line *l = bl_lines_add(&r->L, r->page, ++r->line);
            r->unit = tr;
            note_node(r);
            l->table = g->table;
            l->row = ++g->row;
            l->ncells = nc;
            l->cells = bl_alloc(r->L.doc->arena, (size_t)nc * sizeof *l->cells);
            l->off = r->L.raw.len;
            for (int k = 0; k < nc; k++) {
                l->cells[k] = cs[k];
                l->cells[k].off += l->off;
            }
            l->len = g->cells.len;
            bl_buf_add(&r->L.raw, g->cells.data ? g->cells.data : "", g->cells.len);
            bl_buf_addc(&r->L.raw, '\n');
        }
        turn_pages(r, (nc ? 0 : r->before) + r->after);
    }
}

static void table(reader *r, const xmlNode *tbl, int depth)
{
    tgrid g = {.cells = BL_BUF_INIT};
    for (const xmlNode *c = bl_xml_child(bl_xml_child(tbl, "tblGrid"), "gridCol"); c && g.ng < MAX_GRID; c = c->next)
        if (bl_xml_is(c, "gridCol")) {
            g.gx[g.ng + 1] = g.gx[g.ng] + attr_int(c, "w", 0) / 20.0; /* twips to points */
            g.ng++;
        }
    const char *jc = bl_xml_attr(bl_xml_child(bl_xml_child(tbl, "tblPr"), "jc"), "val");
    if (jc && strcmp(jc, "center") == 0)
        for (int k = 0; k <= g.ng; k++)
            g.gx[k] -= g.gx[g.ng] / 2;
    if (r->open_rows >= 0) {
        g.table = r->ntables, g.row = r->open_rows;
        g.cols = r->open_gx, g.ncols = r->open_ng;
    } else {
        g.table = ++r->ntables, g.row = 0;
        g.cols = g.gx, g.ncols = g.ng;
        memcpy(r->open_gx, g.gx, sizeof g.gx);
        r->open_ng = g.ng;
    }
    table_rows(r, tbl, &g, depth);
    if (g.cols == g.gx && g.cols != r->open_gx) {
        memcpy(r->open_gx, g.gx, sizeof g.gx);
        r->open_ng = g.ng;
    }
    r->open_rows = g.row;
    bl_buf_release(&g.cells);
}

static void block(reader *r, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (bl_xml_is(c, "p")) {
            paragraph(r, c);
        } else if (bl_xml_is(c, "tbl")) {
            table(r, c, depth + 1);
        } else if (bl_xml_is(c, "sdt") || bl_xml_is(c, "sdtContent") || bl_xml_is(c, "customXml") ||
                   bl_xml_is(c, "ins") || bl_xml_is(c, "moveTo")) {
            block(r, c, depth + 1);
        }
    }
}

static bool has_rendered_breaks(const xmlNode *n, int depth)
{
    if (depth > 2 * MAX_DEPTH)
        return false;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE &&
            (bl_xml_is(c, "lastRenderedPageBreak") || has_rendered_breaks(c, depth + 1)))
            return true;
    return false;
}

/* The main part's name: the officeDocument relationship of _rels/.rels, else word/document.xml. */
static char *main_part(bl_zip *z, bl_doc *doc)
{
    const char *dflt = "word/document.xml";
    if (!bl_zip_has(z, "_rels/.rels"))
        return bl_strdup_plain(dflt);
    bl_error keep = doc->err;
    xmlDoc *x = bl_zip_xml(z, doc, "DOCX", "_rels/.rels");
    doc->err = keep; /* a bad .rels: try the usual name */
    char *name = NULL;
    if (x) {
        for (const xmlNode *c = xmlDocGetRootElement(x) ? xmlDocGetRootElement(x)->children : NULL; c; c = c->next) {
            const char *type = bl_xml_attr(c, "Type"), *target = bl_xml_attr(c, "Target");
            size_t tl = type ? strlen(type) : 0;
            if (bl_xml_is(c, "Relationship") && target && tl >= 15 &&
                strcmp(type + tl - 15, "/officeDocument") == 0) {
                name = bl_strdup_plain(target[0] == '/' ? target + 1 : target);
                break;
            }
        }
        xmlFreeDoc(x);
    }
    return name ? name : bl_strdup_plain(dflt);
}

/* The main part of the container, parsed: NULL with doc->err set. */
static xmlDoc *main_doc(bl_zip *z, bl_doc *doc, const xmlNode **body, char **name)
{
    char *part = main_part(z, doc);
    xmlDoc *x = bl_zip_xml(z, doc, "DOCX", part);
    if (name && x)
        *name = part;
    else
        free(part);
    if (!x)
        return NULL;
    const xmlNode *root = xmlDocGetRootElement(x);
    *body = bl_xml_is(root, "document") ? bl_xml_child(root, "body") : NULL;
    if (!*body) {
        xmlFreeDoc(x);
        bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "damaged DOCX: the document part has no body");
        return NULL;
    }
    return x;
}

static void read_body(reader *r, const xmlNode *body)
{
    r->page = 1;
    r->open_rows = -1;
    r->rendered = has_rendered_breaks(body, 0);
    block(r, body, 0);
    bl_buf_release(&r->text);
}

int bl_extract_docx(bl_doc *doc, bl_zip *z, const bl_extract_opts *o)
{
    (void)o;
    const xmlNode *body;
    xmlDoc *x = main_doc(z, doc, &body, NULL);
    if (!x)
        return -1;
    reader r = {.L = {doc, BL_BUF_INIT, 0}};
    read_body(&r, body);
    xmlFreeDoc(x);
    doc->npages = r.page;
    bl_lines_finish(&r.L);
    if (doc->nlines == 0)
        return bl_doc_fail(doc, BL_ERR_FORMAT, "empty", "DOCX has no text");
    return 0;
}

int bl_docx_map_open(const char *data, size_t len, bl_docx_map *m, char *err, size_t errsz)
{
    memset(m, 0, sizeof *m);
    bl_doc *scratch = bl_doc_new("-");
    bl_zip *z = bl_zip_open(data, len);
    const xmlNode *body = NULL;
    xmlDoc *x = z ? main_doc(z, scratch, &body, &m->part) : NULL;
    bl_zip_close(z);
    if (!x) {
        snprintf(err, errsz, "cannot read the DOCX again: %s", z && scratch->err.message ? scratch->err.message : "not a ZIP");
        bl_doc_free(scratch);
        return -1;
    }
    reader r = {.L = {scratch, BL_BUF_INIT, 0}, .capnodes = 64};
    r.nodes = bl_xmalloc(r.capnodes * sizeof *r.nodes);
    read_body(&r, body);
    bl_lines_finish(&r.L);
    bl_doc_free(scratch);
    m->xml = x;
    m->nodes = (void **)r.nodes;
    m->nnodes = r.nnodes;
    return 0;
}

void bl_docx_map_free(bl_docx_map *m)
{
    if (m->xml)
        xmlFreeDoc(m->xml);
    free(m->nodes);
    free(m->part);
    memset(m, 0, sizeof *m);
}
