//! (layout and type arrive with the core types work)
