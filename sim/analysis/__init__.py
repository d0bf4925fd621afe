"""Everything computed from a finished or recorded session: debrief, exploration, coverage."""
