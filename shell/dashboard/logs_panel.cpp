#include "logs_panel.hpp"

#include "protocols/registry.hpp"
#include "session.hpp"

namespace quorum::dashboard {

void LogsPanel::draw(const PanelContext& context) {
    const sim::Cluster& cluster = context.session.cluster();
    protocol_view(cluster).draw_logs(cluster);
    record_table_columns(context, "logs");
}

}  // namespace quorum::dashboard
