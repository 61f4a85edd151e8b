/* logo.c — a logotype file checked: a picture, or a PDF of one page. */
#include "input/logo.h"

#include "input/logopdf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* libqpdf's first error, as its own words, or a fallback. */
static const char *qpdf_problem(qpdf_data q)
{
    if (!qpdf_has_error(q))
        return "libqpdf could not read it";
    qpdf_error e = qpdf_get_error(q);
    const char *detail = qpdf_get_error_message_detail(q, e);
    return detail && detail[0] ? detail : qpdf_get_error_full_text(q, e);
}

/* The four numbers of a box array, normalised (x0 < x1, y0 < y1). */
static bool box_of(qpdf_data q, qpdf_oh page, const char *key, double box[4])
{
    if (!qpdf_oh_has_key(q, page, key))
        return false;
    qpdf_oh a = qpdf_oh_get_key(q, page, key);
    if (!qpdf_oh_is_array(q, a) || qpdf_oh_get_array_n_items(q, a) != 4)
        return false;
    for (int i = 0; i < 4; i++) {
        qpdf_oh n = qpdf_oh_get_array_item(q, a, i);
        if (!qpdf_oh_is_number(q, n))
            return false;
        box[i] = qpdf_oh_get_numeric_value(q, n);
    }
    for (int i = 0; i < 2; i++)
        if (box[i] > box[i + 2]) {
            double t = box[i];
            box[i] = box[i + 2];
            box[i + 2] = t;
        }
    return true;
}

bool logo_pdf_open(const char *data, size_t len, const char *path, logo_pdf *out,
                   src_loc where, diag *d)
{
    memset(out, 0, sizeof *out);
    const char *no_lib = qpdf_lib_open();
    if (no_lib)
        return diag_env_error(d, where, "the logo %s is a PDF, and reading one needs libqpdf, which "
                                        "cannot be opened (%s); install Debian's libqpdf29",
                              path, no_lib);
    qpdf_data q = out->q = qpdf_init();
    /* Messages are ours; a damaged file is refused, not repaired. */
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    qpdf_set_attempt_recovery(q, QPDF_FALSE);
    if (qpdf_read_memory(q, path, data, len, NULL) & QPDF_ERRORS)
        return diag_error(d, where, "the logo %s is not a PDF that can be read (%s); export it "
                                    "again", path, qpdf_problem(q));
    int pages = qpdf_get_num_pages(q);
    if (pages != 1)
        return diag_error(d, where, "the logo %s has %d pages; a logo is a PDF of one page",
                          path, pages < 0 ? 0 : pages);
    if (qpdf_push_inherited_attributes_to_page(q) & QPDF_ERRORS)
        return diag_error(d, where, "the logo %s is not a PDF that can be read (%s); export it "
                                    "again", path, qpdf_problem(q));
    out->page = qpdf_get_page_n(q, 0);
    qpdf_oh rotate = qpdf_oh_get_key(q, out->page, "/Rotate");
    if (qpdf_oh_is_integer(q, rotate) && qpdf_oh_get_int_value(q, rotate) % 360 != 0)
        return diag_error(d, where, "the logo %s has a rotated page; export it upright", path);
    if (!box_of(q, out->page, "/CropBox", out->box) &&
        !box_of(q, out->page, "/MediaBox", out->box))
        return diag_error(d, where, "the logo %s has a page without a box (MediaBox); export "
                                    "it again", path);
    if (out->box[2] - out->box[0] < 1 || out->box[3] - out->box[1] < 1)
        return diag_error(d, where, "the logo %s has an empty page; export it again", path);
    return true;
}

void logo_pdf_close(logo_pdf *p)
{
    if (p->q)
        qpdf_cleanup(&p->q);
}

bool logo_probe(const file_source *src, const char *path, logo_info *out, src_loc where,
                diag *d)
{
    memset(out, 0, sizeof *out);
    char *data;
    size_t len;
    if (!files_read(src, path, LOGO_MAX_BYTES, &data, &len)) {
        if (errno == EFBIG)
            return diag_error(d, where, "the logo %s is larger than %d MiB", path,
                              LOGO_MAX_BYTES >> 20);
        return diag_error(d, where, "cannot open the logo %s: %s", path,
                          errno == EISDIR ? "it is a folder" : strerror(errno));
    }
    bool ok;
    image_kind kind;
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0) {
        logo_pdf p;
        ok = logo_pdf_open(data, len, path, &p, where, d);
        out->pdf = true;
        memcpy(out->box, p.box, sizeof out->box);
        out->width = p.box[2] - p.box[0];
        out->height = p.box[3] - p.box[1];
        logo_pdf_close(&p);
    } else if (image_sniff(data, len, &kind)) {
        ok = image_check(data, len, path, true, &out->image, where, d);
        out->width = out->image.width;
        out->height = out->image.height;
    } else {
        ok = diag_error(d, where, "the logo %s is neither a PDF, a JPEG nor a PNG; export it "
                                  "as one of them", path);
    }
    free(data);
    return ok;
}
