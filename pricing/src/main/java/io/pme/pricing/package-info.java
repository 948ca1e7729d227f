/**
 * Option pricing: Black–Scholes value and Greeks with a tail-accurate normal distribution, allocation-free.
 */
package io.pme.pricing;
