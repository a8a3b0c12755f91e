"""Text, JSON and Markdown views of cases for the command line and for sharing."""
