"""Reference data shipped with the app (geography, conseils, specialties), its loader and rebuild script."""
