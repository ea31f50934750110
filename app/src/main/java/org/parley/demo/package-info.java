/**
 * Demo data: fills an empty or small database with realistic, fictional patients, conversations, messages and notes,
 * so Parley can be tried and measured at a practice's scale (100k patients, a million messages). Started by
 * setting {@code parley.demo.patients}; see the README.
 */
package org.parley.demo;
