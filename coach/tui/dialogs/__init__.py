"""The coach app's dialogs: one ModalScreen per file, typed by the answer it gives."""
