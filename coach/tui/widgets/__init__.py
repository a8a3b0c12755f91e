"""Small reusable widgets of the coach app."""
