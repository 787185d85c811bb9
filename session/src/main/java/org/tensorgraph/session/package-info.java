/**
 * Running graphs: {@link org.tensorgraph.session.Session}, the reference interpreter that defines
 * what a run means, and the per-session variable store.
 */
package org.tensorgraph.session;
