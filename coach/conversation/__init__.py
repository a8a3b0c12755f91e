"""The intake engine: conversation content from prompts/, walking the domains, signals."""

from coach.conversation.prompts import WARM_KEYS, PromptsError, load_content, prompt_files

__all__ = ["WARM_KEYS", "PromptsError", "load_content", "prompt_files"]
