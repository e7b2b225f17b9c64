"""The Gradio workspace: thin, calls `assistant` services only."""
