//! Import: raw newspaper text → draft articles. (Being written.)
