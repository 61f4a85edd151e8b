/* keys.h — the key table of every mapping paiban reads, for the docs.
 *
 * Each loader reads its mappings through these tables (fields.h), so what
 * fields_markdown prints of one is what the loader allows and checks;
 * `paiban help keys NAME` prints it, and tests/docs/run holds the key
 * tables of docs/layout.md and docs/content.md to it. */
#ifndef PAIBAN_INPUT_KEYS_H
#define PAIBAN_INPUT_KEYS_H

#include "input/fields.h"

/* fonts/fonts.yaml and each of its faces */
extern const field_table font_manifest_keys, font_face_keys;
/* layout/styles.yaml and each style */
extern const field_table styles_file_keys, style_keys, ink_keys;
/* a page template (layout/<name>.yaml) and its sections */
extern const field_table template_keys, template_page_keys, template_grid_keys,
    template_folio_keys, template_masthead_keys, template_print_keys,
    template_makeup_keys;
/* edition.yaml, its masthead, a page, an article's placement and a part of its area */
extern const field_table edition_keys, edition_masthead_keys, page_keys, placement_keys,
    part_keys, story_keys;
/* an article, its photo, and the items of its body */
extern const field_table article_keys, photo_keys, head_keys, para_keys, box_keys,
    table_item_keys, teaser_keys;
/* a table and a cell of it given as a mapping */
extern const field_table table_keys, cell_keys;

/* Every table above by a short name (`paiban help keys NAME`), with the
 * mapping it reads; the list ends with a NULL name. */
typedef struct key_table {
    const char *name;
    const char *where;
    const field_table *table;
} key_table;
extern const key_table key_tables[];
/* The table of that name, or NULL. */
const key_table *key_table_named(const char *name);

#endif
