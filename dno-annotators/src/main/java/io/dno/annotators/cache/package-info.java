/**
 * The persistent judgement cache: no candidate is judged twice by the same judge across reruns and resumes
 * (annotation is the most expensive stage of DNO, Rosset et al. 2024 §5.1).
 */
package io.dno.annotators.cache;
