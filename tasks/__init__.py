"""Background work: the Dramatiq broker, the actors, the scheduler and the notification outbox."""
