//! Every template runs end to end (to be filled).
