"""Floor 4: what leaves the workbook: executed notebooks, the HTML briefing, the generated codebook."""
