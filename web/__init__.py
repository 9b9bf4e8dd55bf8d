"""MonEspace web application: one folder per feature, over the tables of `tables/`."""
