/* pdftag.h — the PDF's logical structure (Tagged PDF, ISO 32000-1 §14.7
 * and §14.8).
 *
 * Every placed head, paragraph, caption, pull-quote and table cell becomes
 * a structure element of its article — Document, then an Art per article,
 * then H1…H4, P, Caption, BlockQuote, Table → TR → TH/TD, and Figure for a
 * photo — in the order the pages place them.  A reader that follows the
 * structure (a screen reader, a viewer's reflow, copy or export) reads the
 * edition article by article, a continued article as one, whatever the
 * columns look like; the page's furniture (folios, masthead, jump lines,
 * rules, the marks outside the trim) is marked as artifacts.
 *
 * The writer asks op by op which marked-content sequence the op belongs
 * to and writes the BDC/EMC operators itself; pdftag builds the elements,
 * the parent tree and the catalog's entries. */
#ifndef PAIBAN_PDF_PDFTAG_H
#define PAIBAN_PDF_PDFTAG_H

#include "draw/display.h"
#include "input/layout.h"

#include <hpdf.h>

typedef struct pdftag pdftag;

typedef struct tag_mark {
    const char *role; /* structure type; "Artifact"; NULL: left unmarked (the proof layer) */
    int mcid;         /* the content's id on its page; -1 for an artifact */
    int seq;          /* consecutive ops with the same seq share one sequence */
} tag_mark;

/* The structure of a document whose articles are numbered below
 * article_count; its pages come one by one (pdftag_begin_page). */
pdftag *pdftag_new(HPDF_Doc doc, const layout *l, int article_count);
void pdftag_begin_page(pdftag *t, HPDF_Page page, const page_out *po);
/* The sequence of the page's next op; ops must be asked in list order. */
tag_mark pdftag_mark(pdftag *t, const draw_op *op);
void pdftag_end_page(pdftag *t);
/* StructTreeRoot, MarkInfo and Lang into the catalog. */
void pdftag_finish(pdftag *t);
void pdftag_free(pdftag *t);

#endif
