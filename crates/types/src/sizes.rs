//! Type sizes and alignments, as gc computes them for amd64 (`types.CalcSize`).
