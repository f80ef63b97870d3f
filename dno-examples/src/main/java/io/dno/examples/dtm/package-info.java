/**
 * A miniature Disperse-Then-Merge experiment: a tiny Llama-family model pre-trained from random init on
 * synthetic tasks with checkable answers, then instruction-tuned on some of them as DTM, one model on all
 * data, and a uniform soup; the alignment tax is measured on a task family left out of instruction tuning.
 */
package io.dno.examples.dtm;
