/**
 * Log output without personal data or secrets: the encoder of the console and file appenders
 * ({@code logback-spring.xml}) masks what the classifier finds, and secrets, in every message and stack
 * trace before it is written.
 */
package dev.lethe.app.logging;
