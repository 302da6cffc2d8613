"""What the workbook hands to tools its readers already use, one module per format."""
