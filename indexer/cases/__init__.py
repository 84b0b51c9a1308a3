"""Cases: items of one case linked across meetings and bodies (link), the timeline of a case
(timeline), and one search hit per case (collapse)."""
