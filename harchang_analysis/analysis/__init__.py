"""Analyses: pure functions from a Plan's tables to new tables, one module per question."""

from .common import CONTENT_ZONES, ZONES, drop_clause_tokens, label_sections, label_task_tokens, select_zones
from .cooccurrence import (
                           build_cooccurrence,
                           collect_sentence_terms,
                           detect_communities,
                           keyword_in_context,
                           translate_terms,
)
from .overview import count_tasks_by_section, count_units, summarize_normalization
from .places import (
                           build_place_sector_matrix,
                           compare_place_zones,
                           count_city_leads,
                           count_place_mentions,
                           roll_up_mentions,
                           stack_mentions_by_level,
)
from .sectors import (
                           TopicModel,
                           build_instrument_sector_matrix,
                           code_instruments,
                           count_sector_mentions,
                           find_dominant_sectors,
                           fit_topics,
                           rank_distinctive_terms,
)
from .targets import count_projects_by_section, extract_deadlines, extract_projects, extract_targets
from .workload import (
                           build_agency_section_matrix,
                           build_coassignment,
                           classify_city_leads,
                           count_assignments,
                           gini,
                           lorenz_curve,
                           top_share,
)

__all__ = [
                           "CONTENT_ZONES",
                           "ZONES",
                           "TopicModel",
                           "build_agency_section_matrix",
                           "build_coassignment",
                           "build_cooccurrence",
                           "build_instrument_sector_matrix",
                           "build_place_sector_matrix",
                           "classify_city_leads",
                           "code_instruments",
                           "collect_sentence_terms",
                           "compare_place_zones",
                           "count_assignments",
                           "count_city_leads",
                           "count_place_mentions",
                           "count_projects_by_section",
                           "count_sector_mentions",
                           "count_tasks_by_section",
                           "count_units",
                           "detect_communities",
                           "drop_clause_tokens",
                           "extract_deadlines",
                           "extract_projects",
                           "extract_targets",
                           "find_dominant_sectors",
                           "fit_topics",
                           "gini",
                           "keyword_in_context",
                           "label_sections",
                           "label_task_tokens",
                           "lorenz_curve",
                           "rank_distinctive_terms",
                           "roll_up_mentions",
                           "select_zones",
                           "stack_mentions_by_level",
                           "summarize_normalization",
                           "top_share",
                           "translate_terms",
]
