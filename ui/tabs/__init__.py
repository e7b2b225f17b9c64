"""One module per tab, each exposing create_<tab>(services, labels)."""
