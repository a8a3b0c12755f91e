"""The intake engine: walking the domains, spotting signals, suggesting the next question (content comes from coach.content)."""
