/*
 * ocrimage.h - ocr.c's page image work, apart from recognition: the page turned
 * straight, cleaned, its strokes thickened, its ruling lines painted out, the cells
 * they close and the lines of a cell's ink. Images are 8-bit grey, w x h, a row
 * w bytes, at OCR_DPI. Not a stage interface.
 */
#ifndef BL_OCRIMAGE_H
#define BL_OCRIMAGE_H

#include "layout.h"

#include <stddef.h>

#define OCR_DPI 300.0
#define CELL_PX 2.0     /* the cell mask's resolution, pixels a point */
#define CELL_MARGIN 16  /* white pixels around a cut-out box */
#define RULE_ID (-1)    /* a rule's pixels in the cell mask */
#define RULE_MIN_H 30   /* a table rule is longer than a glyph's stroke: points across, */
#define RULE_MIN_V 18   /* and down */

typedef struct {
    int x0, y0, x1, y1; /* pixels of the OCR image, inclusive */
} rect;

/* The regions the rules close: each mask pixel's region (RULE_ID on a rule). */
typedef struct {
    int *lab;
    int w, h;
} cellmap;

/** The page's skew in degrees (within ±3°; 0 when no angle is clearly sharper). */
double ocr_skew(const unsigned char *g, int w, int h);
/** A 3x3 median over a noisy page (many lone dark pixels); a clean page unchanged. */
void ocr_despeckle(unsigned char *g, int w, int h);
/** Strokes a pixel thicker: each pixel the darkest of itself and its four neighbours. */
void ocr_thicken(unsigned char *g, int w, int h);
/** Paint the long rules of rl out (white), 3 pt either side of their line. */
void ocr_erase_rules(unsigned char *img, int w, int h, const bl_rules *rl);
/**
 * Join a rule's long pieces in line across gaps of up to 12 pt (a seal's ring or speckle
 * broke it): one rule, for the cells and the layout alike.
 */
void ocr_bridge_rules(bl_rules *rl);
/**
 * The cells the long rules close (boxes in image pixels, their region ids; both
 * malloc'd) and the regions' mask (map->lab malloc'd). Returns how many.
 */
size_t ocr_find_cells(const bl_rules *rl, double pw, double ph, rect **cells, int **ids, cellmap *map);
/** A copy of the cell's box (clipped into *box) with other regions' pixels white; NULL when empty. */
unsigned char *ocr_cell_image(const unsigned char *img, int w, int h, rect *box, int id, const cellmap *m);
/** The lines of the cell's ink, at most max, into lines. Returns how many. */
size_t ocr_cell_lines(const unsigned char *img, int w, int h, rect cell, rect *lines, size_t max);
/** The box's pixels on a white ground, CELL_MARGIN around them (malloc'd, *cw x *ch). */
unsigned char *ocr_cut_out(const unsigned char *img, int w, rect box, int *cw, int *ch);

#endif
