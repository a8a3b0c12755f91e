"""The Textual terminal app: the caseload and each young person's file."""
