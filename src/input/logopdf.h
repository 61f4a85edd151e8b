/* logopdf.h — a PDF logotype open in libqpdf (logo.h says what is
 * checked): the loader probes it, the PDF writer copies its page.  Only
 * these two include libqpdf's header, through this one, and
 * input/qpdflib.c, which opens the library. */
#ifndef PAIBAN_INPUT_LOGOPDF_H
#define PAIBAN_INPUT_LOGOPDF_H

#include "base/diag.h"

#include <qpdf/qpdf-c.h>

/* libqpdf is opened when a PDF logo is first read, not when paiban
 * starts: with the C++ runtime and GnuTLS it brings, it is a third of the
 * libraries paiban would load at every start (some 7 ms), and most runs
 * read no PDF logo.  Its functions are called by their own names, which
 * stand for pointers into qpdf_lib once logo_pdf_open has opened it. */
#define QPDF_FUNCTIONS(X) \
    X(qpdf_cleanup) \
    X(qpdf_get_error) \
    X(qpdf_get_error_full_text) \
    X(qpdf_get_error_message_detail) \
    X(qpdf_get_num_pages) \
    X(qpdf_get_page_n) \
    X(qpdf_has_error) \
    X(qpdf_init) \
    X(qpdf_oh_begin_dict_key_iter) \
    X(qpdf_oh_dict_more_keys) \
    X(qpdf_oh_dict_next_key) \
    X(qpdf_oh_get_array_item) \
    X(qpdf_oh_get_array_n_items) \
    X(qpdf_oh_get_binary_string_value) \
    X(qpdf_oh_get_bool_value) \
    X(qpdf_oh_get_dict) \
    X(qpdf_oh_get_generation) \
    X(qpdf_oh_get_int_value) \
    X(qpdf_oh_get_key) \
    X(qpdf_oh_get_name) \
    X(qpdf_oh_get_numeric_value) \
    X(qpdf_oh_get_object_id) \
    X(qpdf_oh_get_page_content_data) \
    X(qpdf_oh_get_stream_data) \
    X(qpdf_oh_get_type_code) \
    X(qpdf_oh_has_key) \
    X(qpdf_oh_is_array) \
    X(qpdf_oh_is_indirect) \
    X(qpdf_oh_is_integer) \
    X(qpdf_oh_is_name) \
    X(qpdf_oh_is_number) \
    X(qpdf_push_inherited_attributes_to_page) \
    X(qpdf_read_memory) \
    X(qpdf_set_attempt_recovery) \
    X(qpdf_set_suppress_warnings) \
    X(qpdf_silence_errors)

#define QPDF_POINTER(name) __typeof__(name) *name;
typedef struct qpdf_functions {
    QPDF_FUNCTIONS(QPDF_POINTER)
} qpdf_functions;
#undef QPDF_POINTER

extern qpdf_functions qpdf_lib;

#ifndef QPDF_LIB_ITSELF
#define qpdf_cleanup (qpdf_lib.qpdf_cleanup)
#define qpdf_get_error (qpdf_lib.qpdf_get_error)
#define qpdf_get_error_full_text (qpdf_lib.qpdf_get_error_full_text)
#define qpdf_get_error_message_detail (qpdf_lib.qpdf_get_error_message_detail)
#define qpdf_get_num_pages (qpdf_lib.qpdf_get_num_pages)
#define qpdf_get_page_n (qpdf_lib.qpdf_get_page_n)
#define qpdf_has_error (qpdf_lib.qpdf_has_error)
#define qpdf_init (qpdf_lib.qpdf_init)
#define qpdf_oh_begin_dict_key_iter (qpdf_lib.qpdf_oh_begin_dict_key_iter)
#define qpdf_oh_dict_more_keys (qpdf_lib.qpdf_oh_dict_more_keys)
#define qpdf_oh_dict_next_key (qpdf_lib.qpdf_oh_dict_next_key)
#define qpdf_oh_get_array_item (qpdf_lib.qpdf_oh_get_array_item)
#define qpdf_oh_get_array_n_items (qpdf_lib.qpdf_oh_get_array_n_items)
#define qpdf_oh_get_binary_string_value (qpdf_lib.qpdf_oh_get_binary_string_value)
#define qpdf_oh_get_bool_value (qpdf_lib.qpdf_oh_get_bool_value)
#define qpdf_oh_get_dict (qpdf_lib.qpdf_oh_get_dict)
#define qpdf_oh_get_generation (qpdf_lib.qpdf_oh_get_generation)
#define qpdf_oh_get_int_value (qpdf_lib.qpdf_oh_get_int_value)
#define qpdf_oh_get_key (qpdf_lib.qpdf_oh_get_key)
#define qpdf_oh_get_name (qpdf_lib.qpdf_oh_get_name)
#define qpdf_oh_get_numeric_value (qpdf_lib.qpdf_oh_get_numeric_value)
#define qpdf_oh_get_object_id (qpdf_lib.qpdf_oh_get_object_id)
#define qpdf_oh_get_page_content_data (qpdf_lib.qpdf_oh_get_page_content_data)
#define qpdf_oh_get_stream_data (qpdf_lib.qpdf_oh_get_stream_data)
#define qpdf_oh_get_type_code (qpdf_lib.qpdf_oh_get_type_code)
#define qpdf_oh_has_key (qpdf_lib.qpdf_oh_has_key)
#define qpdf_oh_is_array (qpdf_lib.qpdf_oh_is_array)
#define qpdf_oh_is_indirect (qpdf_lib.qpdf_oh_is_indirect)
#define qpdf_oh_is_integer (qpdf_lib.qpdf_oh_is_integer)
#define qpdf_oh_is_name (qpdf_lib.qpdf_oh_is_name)
#define qpdf_oh_is_number (qpdf_lib.qpdf_oh_is_number)
#define qpdf_push_inherited_attributes_to_page (qpdf_lib.qpdf_push_inherited_attributes_to_page)
#define qpdf_read_memory (qpdf_lib.qpdf_read_memory)
#define qpdf_set_attempt_recovery (qpdf_lib.qpdf_set_attempt_recovery)
#define qpdf_set_suppress_warnings (qpdf_lib.qpdf_set_suppress_warnings)
#define qpdf_silence_errors (qpdf_lib.qpdf_silence_errors)
#endif

/* A PDF logo open in libqpdf: its one page and the page's box. */
typedef struct logo_pdf {
    qpdf_data q;
    qpdf_oh page;
    double box[4];        /* x0 y0 x1 y1, pt */
} logo_pdf;

/* Open the PDF in `data` (which must outlive it) as a logo: readable
 * without repair, one page, unrotated, with a box of a positive size;
 * false, with an error at `where` naming `path`, when it is not one or
 * libqpdf cannot be opened.
 * Close it with logo_pdf_close either way. */
bool logo_pdf_open(const char *data, size_t len, const char *path, logo_pdf *out,
                   src_loc where, diag *d);
void logo_pdf_close(logo_pdf *p);

/* Open libqpdf and fill qpdf_lib, once for the process (any thread); NULL
 * when done, else what went wrong, in the dynamic loader's words. */
const char *qpdf_lib_open(void);

#endif
