CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`ip` text NOT NULL,
	`at` text NOT NULL,
	`cleared` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_login_idx` ON `login_attempts` (`login`,`ip`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_ip_idx` ON `login_attempts` (`ip`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_at_idx` ON `login_attempts` (`at`);