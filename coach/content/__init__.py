"""Content as data: the prompts/ and guides/ folders, loaded, checked and typed."""
