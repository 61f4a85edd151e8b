/* tests.h — the list of unit tests (one X per test function). */
#ifndef PAIBAN_TESTS_H
#define PAIBAN_TESTS_H

#include "harness.h"

#define TEST_LIST                                                                                  \
    X(TX_1_spaces_are_glyphs)                                                                      \
    X(PH_10_no_tracking_inside_numbers_or_beside_blanks)                                           \
    X(LB_12_url_breaks_after_its_separators)                                                       \
    X(LB_13_latin_words_hyphenate)                                                                 \
    X(MX_6_han_latin_boundaries_spread_first)                                                      \
    X(MX_7_half_width_figures)                                                                     \
    X(TX_2_fullwidth_digits_and_letters_normalised)                                                \
    X(TX_3_negative_numbers_take_the_minus_sign)                                                   \
    X(FN_1_punctuation_from_the_face_the_style_names)                                              \
    X(FN_2_fallback_is_a_warning)                                                                  \
    X(BL_1_verse_a_line_a_line)                                                                    \
    X(BL_2_code_keeps_its_spaces)                                                                  \
    X(BL_3_list_items_hang)                                                                        \
    X(BL_5_notice_salutation_flush_signature_right)                                                \
    X(BL_6_runs_inside_a_paragraph)                                                                \
    X(BL_7_keep_together)                                                                          \
    X(PH_12_run_in_heads_and_datelines)                                                            \
    X(LB_14_figures_in_parentheses_stay_whole)                                                     \
    X(LB_4_grades_and_levels_keep_their_unit)                                                      \
    X(CB_4_credit_never_alone)                                                                     \
    X(TB_5_shares_never_starve_auto_columns)                                                                      \
    X(yml_unfold_plain_keeps_breaks)                                                               \
    X(yml_unfold_list_item)                                                                        \
    X(yml_unfold_folded_block)                                                                     \
    X(yml_unfold_blank_line_is_double_break)                                                       \
    X(yml_duplicate_key_is_error_with_location)                                                    \
    X(yml_syntax_error_location)                                                                   \
    X(yml_invalid_utf8_reports_byte_offset)                                                        \
    X(yml_alias_bomb_is_bounded)                                                                   \
    X(yml_unknown_key_suggests)                                                                    \
    X(yml_lengths)                                                                                 \
    X(yml_nesting_stops_at_the_event)                                                              \
    X(yml_many_keys_in_linear_time)                                                                \
    X(yml_tags_refused)                                                                            \
    X(yml_second_document_refused_whatever_it_holds)                                               \
    X(yml_aliases_checked)                                                                         \
    X(yml_hints_where_the_mistake_is)                                                              \
    X(yml_percent_written_plainly)                                                                 \
    X(fields_read_every_type)                                                                      \
    X(fields_report_as_the_loaders_did)                                                            \
    X(fields_go_on_past_a_bad_row)                                                                 \
    X(fields_markdown_key_table)                                                                   \
    X(fields_every_number_has_its_range)                                                           \
    X(files_kept_photo_read_from_the_file_checked)                                                 \
    X(files_where_the_descriptor_leads)                                                            \
    X(files_stale_temporaries_removed)                                                             \
    X(cache_round_trip)                                                                            \
    X(cache_refuses_a_damaged_entry)                                                               \
    X(cache_dir_from_environment)                                                                  \
    X(shape_cache_sets_again_alike)                                                                \
    X(shape_cache_reports_every_time)                                                              \
    X(breaker_optimal_beats_first_fit)                                                             \
    X(breaker_first_fit_takes_what_fits)                                                           \
    X(breaker_overfull_box)                                                                        \
    X(breaker_forced_and_forbidden_breaks)                                                         \
    X(breaker_first_line_measure)                                                                  \
    X(breaker_looseness_plus_and_minus_one)                                                        \
    X(breaker_penalty_steers_the_choice)                                                           \
    X(breaker_tolerated_break_only_against_a_loose_line)                                           \
    X(table_break_kinds)                                                                           \
    X(table_plan_sample_pieces_even)                                                               \
    X(table_plan_group_breaks_preferred)                                                           \
    X(table_plan_no_lone_rows)                                                                     \
    X(table_plan_pieces_never_lone)                                                                \
    X(table_span_repeated_in_each_piece)                                                           \
    X(table_grid_rules_stop_at_cut_span)                                                           \
    X(table_zebra_tint_follows_group)                                                              \
    X(MU_1_a_story_under_another_gets_white_and_a_rule)                                            \
    X(MU_1_stories_side_by_side_get_a_story_rule)                                                  \
    X(MU_2_side_by_side_headlines_are_staggered)                                                   \
    X(MU_2_what_cannot_be_staggered_is_a_finding)                                                  \
    X(MU_3_columns_fill_to_the_foot_but_the_last)                                                  \
    X(MU_4_text_goes_around_a_spanning_box)                                                        \
    X(MU_5_underset_and_bare_type_area_are_findings)                                               \
    X(jump_at_a_paragraphs_end_carries_the_next_whole)                                             \
    X(MU_6_a_headline_style_scales_its_band)                                                       \
    X(MU_6_a_band_out_of_hierarchy_is_a_finding)                                                   \
    X(MU_7_the_subtitle_is_no_wider_than_the_headline)                                             \
    X(MU_8_a_front_page_headline_as_large_as_the_masthead_is_a_finding)                            \
    X(front_information_counts_the_pages_and_names_the_sponsors)                                   \
    X(front_the_ear_stands_beside_the_masthead)                                                    \
    X(front_an_empty_ear_is_a_hole)                                                                \
    X(front_the_folio_sets_the_page_and_the_paper_in_their_styles)                                 \
    X(front_a_teaser_names_the_page_its_story_stands_on)                                           \
    X(front_a_pdf_logotype_stands_for_the_name)                                                    \
    X(plan_lead_stands_top_and_widest)                                                             \
    X(plan_fills_the_page_without_overset_or_collision)                                            \
    X(plan_jumps_only_where_marked_and_to_the_page_named)                                          \
    X(plan_keeps_the_wishes)                                                                       \
    X(plan_is_the_same_every_time)                                                                 \
    X(plan_fills_every_column_to_the_foot)                                                         \
    X(plan_staggers_heads_and_parts_the_stories)                                                   \
    X(plan_sets_the_photo_with_its_story)                                                          \
    X(plan_sets_the_ear_story_in_the_ear)                                                          \
    X(LB_0_rule_sets_none_basic_gb_strict)                                                         \
    X(LB_1_comma_never_starts_a_line)                                                              \
    X(LB_1_no_mark_of_the_table_starts_a_line)                                                     \
    X(LB_2_opening_quote_never_ends_a_line)                                                        \
    X(LB_2_no_opening_mark_ends_a_line)                                                            \
    X(LB_3_dash_never_split)                                                                       \
    X(LB_3_ellipsis_never_split)                                                                   \
    X(LB_4_numbers_stay_whole)                                                                     \
    X(LB_4_number_keeps_its_unit_unless_the_line_would_be_loose)                                   \
    X(LB_5_latin_word_not_broken)                                                                  \
    X(LB_6_quotes_are_opening_and_closing)                                                         \
    X(LB_7_line_feeds_between_chinese_vanish)                                                      \
    X(LB_8_compress_before_pushing_out)                                                            \
    X(LB_9_markup_changes_nothing)                                                                 \
    X(LB_11_headline_breaks_between_words)                                                         \
    X(LB_11_head_breaks_at_the_writers_space)                                                      \
    X(LB_11_phrase_breaks_per_span)                                                                \
    X(LB_11_byline_breaks_between_names)                                                           \
    X(CB_4_byline_role_stays_with_its_name)                                                        \
    X(PU_1_mainland_full_stop_sits_lower_left)                                                     \
    X(PU_1_stops_sit_left_in_every_text_face)                                                      \
    X(PU_2_nominal_widths)                                                                         \
    X(PU_3_line_end_stop_takes_half_em)                                                            \
    X(PU_3_line_end_question_mark_takes_half_em)                                                   \
    X(PU_3_line_end_interpunct_ends_at_its_glyph)                                                  \
    X(PU_4_adjacent_pair_takes_1_5_em)                                                             \
    X(PU_4_bracket_beside_dash_or_ellipsis_gives_up_its_blank)                                     \
    X(PU_6_doubled_question_and_exclamation_take_1_em)                                             \
    X(PU_7_no_hanging_punctuation)                                                                 \
    X(PU_8_quotes_follow_their_context)                                                            \
    X(PU_9_dash_and_ellipsis_glyphs_abut)                                                          \
    X(PU_10_shaper_does_not_compress_punctuation)                                                  \
    X(JU_1_han_set_solid_on_the_grid)                                                              \
    X(JU_2_both_edges_flush_but_the_last_line)                                                     \
    X(JU_3_reduction_order)                                                                        \
    X(JU_3_stops_kept_whole_where_the_house_says)                                                  \
    X(JU_4_expansion_order)                                                                        \
    X(JU_4_space_between_chinese_spreads_like_a_gap)                                               \
    X(MX_1_latin_from_the_latin_face)                                                              \
    X(MX_2_han_latin_gap)                                                                          \
    X(MX_3_space_not_doubled)                                                                      \
    X(PH_1_first_line_indent_2_em)                                                                 \
    X(column_rule_is_never_a_stub)                                                             \
    X(PH_2_no_space_between_paragraphs)                                                            \
    X(PH_3_continued_lines_not_indented)                                                           \
    X(PH_4_no_single_character_last_line)                                                          \
    X(CG_7_hao_sizes)                                                                              \
    X(report_flags_loose_tight_overfull_and_rule_broken)                                           \
    X(report_one_warning_per_flag)                                                                 \
    X(digest_sha256_vectors)                                                                       \
    X(record_round_trip_with_escapes)                                                              \
    X(pdfread_table_objects_and_renumbering)                                                       \
    X(slug_names_paper_date_page_and_build_time)

#define X(n) void test_##n(void);
TEST_LIST
#undef X

#ifdef HARNESS_MAIN
static const test_case all_tests[] = {
#define X(n) {#n, test_##n},
    TEST_LIST
#undef X
};
#endif

#endif
