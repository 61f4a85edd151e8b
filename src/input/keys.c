/* keys.c — every field table by a short name, in the order of the docs. */
#include "input/keys.h"

const key_table key_tables[] = {
    {"edition", "edition.yaml", &edition_keys},
    {"masthead", "edition.yaml: masthead", &edition_masthead_keys},
    {"page", "edition.yaml: a page", &page_keys},
    {"placement", "edition.yaml: an article placement", &placement_keys},
    {"part", "edition.yaml: a part of a placement's area", &part_keys},
    {"article", "an article file", &article_keys},
    {"photo", "an article: photo", &photo_keys},
    {"head", "an article's body: a head", &head_keys},
    {"paragraph", "an article's body: a paragraph given as p:", &para_keys},
    {"box", "an article's body: a box", &box_keys},
    {"table-item", "an article's body: a table item", &table_item_keys},
    {"table", "an article's body: a table", &table_keys},
    {"cell", "a table cell given as a mapping", &cell_keys},
    {"styles", "layout/styles.yaml", &styles_file_keys},
    {"style", "layout/styles.yaml: a style", &style_keys},
    {"template", "layout/<name>.yaml, a page template", &template_keys},
    {"template-page", "a page template: page", &template_page_keys},
    {"grid", "a page template: grid", &template_grid_keys},
    {"folio", "a page template: folio", &template_folio_keys},
    {"template-masthead", "a page template: masthead", &template_masthead_keys},
    {"print", "a page template: print", &template_print_keys},
    {"fonts", "fonts/fonts.yaml", &font_manifest_keys},
    {"face", "fonts/fonts.yaml: a face", &font_face_keys},
    {NULL, NULL, NULL},
};

const key_table *key_table_named(const char *name) {
  for (const key_table *k = key_tables; k->name; k++)
    if (strcmp(k->name, name) == 0)
      return k;
  return NULL;
}
