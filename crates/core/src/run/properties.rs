//! Property tests of runs (to be filled).
