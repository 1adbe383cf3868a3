#include <vector>
#define SHARDS 8 /* tensor parallel degree */

//! Doxygen bang doc: the scheduler.
namespace sched {
/*!
 * Qt-style doc block about continuous batching.
 */
class Scheduler {
 public:
  int step(); ///< Member doc: one decode step.
 private:
  std::vector<int> queue_;  // ordinary comment — queue of requests
};
}  // namespace sched

const char *raw = R"(// not a comment /* nor this */)";
/*** banner, not doc ***/
