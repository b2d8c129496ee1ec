<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AmendDialog</name>
    <message>
        <source>Amend · complaint {id}</source>
        <translation>补救 · 客诉 {id}</translation>
    </message>
    <message>
        <source>(the items&apos; lab)</source>
        <translation>（客件所属厂商）</translation>
    </message>
    <message>
        <source>What was done or given, in words</source>
        <translation>用文字写明做了什么或送了什么</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>补救方式(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Items to redo</source>
        <translation>重做客件(&amp;I)</translation>
    </message>
    <message>
        <source>Whose &amp;fault</source>
        <translation>责任方(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Lab at fault</source>
        <translation>责任厂商(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>金额(&amp;A)</translation>
    </message>
    <message>
        <source>Refund &amp;method</source>
        <translation>退款方式(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;What was done</source>
        <translation>补救内容(&amp;W)</translation>
    </message>
    <message>
        <source>A manager approves the refund</source>
        <translation>由店长批准退款</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Amen&amp;d</source>
        <translation>补救(&amp;D)</translation>
    </message>
    <message>
        <source>Tick the items to make again.</source>
        <translation>请勾选要重做的客件。</translation>
    </message>
    <message>
        <source>Say whose fault it was.</source>
        <translation>请选择责任方。</translation>
    </message>
    <message>
        <source>Give the amount.</source>
        <translation>请填写金额。</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Approve designs · order {number}</source>
        <translation>确认设计 · 订单 {number}</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>设计</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Changes asked</source>
        <translation>要求修改</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>How the customer approved:</source>
        <translation>客人确认方式:</translation>
    </message>
    <message>
        <source>What the customer wants changed (for “Needs changes”)</source>
        <translation>客人要求修改的内容 (选“需修改”时填写)</translation>
    </message>
    <message>
        <source>Sent to the customer (Ctrl+T)</source>
        <translation>已发给客人 (Ctrl+T)</translation>
    </message>
    <message>
        <source>Approved (Ctrl+Enter)</source>
        <translation>客人已确认 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Needs changes</source>
        <translation>需修改</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{count}×: {last}</source>
        <translation>{count} 次:{last}</translation>
    </message>
</context>
<context>
    <name>AskDialog</name>
    <message>
        <source>&amp;Satisfaction (1-5)</source>
        <translation>满意度（1-5）(&amp;S)</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Every act</source>
        <translation>所有操作</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation>正在导出操作日志…</translation>
    </message>
    <message>
        <source>{n} entries written to {path}</source>
        <translation>已将 {n} 条记录写入 {path}</translation>
    </message>
</context>
<context>
    <name>BackupScheduler</name>
    <message>
        <source>The scheduled backup failed: {error}</source>
        <translation>定时备份失败：{error}</translation>
    </message>
</context>
<context>
    <name>BackupSettingsDialog</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Back up the database automatically</source>
        <translation>自动备份数据库</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>StudioDesk makes a verified copy of the database every so many hours (and when it starts, if the last copy is that old), and keeps one copy of each of the last 7 days, 4 weeks and 12 months. Choose a folder on another disk (a second drive or a USB disk): a folder beside the database does not survive a broken disk.</source>
        <translation>StudioDesk 每隔设定的小时数（以及启动时，如果上次备份已超过这个时长）为数据库制作一份经过校验的副本，并保留最近 7 天每天一份、最近 4 周每周一份、最近 12 个月每月一份。请选择另一块硬盘上的文件夹（第二块硬盘或 USB 移动硬盘）：与数据库放在同一块硬盘上的文件夹，硬盘一坏就一起没了。</translation>
    </message>
    <message>
        <source>This studio uses a shared PostgreSQL database: back it up on the server with pg_dump (see the README). These settings are not used.</source>
        <translation>本影楼使用共享的 PostgreSQL 数据库：请在服务器上用 pg_dump 备份（见 README）。这里的设置不起作用。</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <source>Complaint rate = complaints received in the month ÷ orders delivered in the month (orders with at least one item picked up in it). Satisfaction: the mean score of the month&apos;s complaints closed.</source>
        <translation>客诉率 = 当月收到的客诉数 ÷ 当月交付的订单数（当月至少有一件客件被取走的订单）。满意度：当月已结案客诉的平均评分。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>客诉</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>(not named)</source>
        <translation>（未指明）</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Complaints and complaint rate, 12 months</source>
        <translation>近 12 个月客诉数与客诉率</translation>
    </message>
    <message>
        <source>Complaint rate (%)</source>
        <translation>客诉率 (%)</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Counting complaints…</source>
        <translation>正在统计客诉…</translation>
    </message>
    <message>
        <source>{month}: {complaints} complaints, {delivered} orders delivered, complaint rate {rate}; satisfaction {score}</source>
        <translation>{month}：客诉 {complaints} 件，交付订单 {delivered} 单，客诉率 {rate}；满意度 {score}</translation>
    </message>
</context>
<context>
    <name>BoardsPage</name>
    <message>
        <source>Waiting to be sent (by lab)</source>
        <translation>待发件 (按厂商)</translation>
    </message>
    <message>
        <source>At the lab (by expected date)</source>
        <translation>在厂商 (按预计回件日期)</translation>
    </message>
    <message>
        <source>Overdue (by lab, oldest first)</source>
        <translation>超期 (按厂商，最早的在前)</translation>
    </message>
    <message>
        <source>Returned, not checked</source>
        <translation>已回件，未理件</translation>
    </message>
    <message>
        <source>Ready, not collected for over {days} days</source>
        <translation>可取件，超过 {days} 天未取</translation>
    </message>
    <message>
        <source>every lab</source>
        <translation>全部厂商</translation>
    </message>
    <message>
        <source>every product</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Studio setting: ready items not collected after this many days</source>
        <translation>店内设置：可取件超过此天数未取即列入看板</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>Send selected (F6)</source>
        <translation>所选发件 (F6)</translation>
    </message>
    <message>
        <source>Receive selected (F7)</source>
        <translation>所选回件 (F7)</translation>
    </message>
    <message>
        <source>Pass selected (F8)</source>
        <translation>所选理件通过 (F8)</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Expected back</source>
        <translation>预计回件</translation>
    </message>
    <message>
        <source>Days late</source>
        <translation>超期天数</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Last step by</source>
        <translation>最后经手</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Not collected after</source>
        <translation>未取超过</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>{n} items shown; select rows (Shift/Ctrl+click, Ctrl+A) and press a key</source>
        <translation>显示 {n} 件；选中行 (Shift/Ctrl+单击，Ctrl+A) 后按功能键</translation>
    </message>
    <message>
        <source>{n} items; select rows (Shift/Ctrl+click, Ctrl+A) and press a key</source>
        <translation>共 {n} 件；选中行 (Shift/Ctrl+单击，Ctrl+A) 后按功能键</translation>
    </message>
    <message>
        <source>Select the rows first (click, Shift/Ctrl+click, or Ctrl+A for all shown), then press the key.</source>
        <translation>请先选中行 (单击、Shift/Ctrl+单击，或 Ctrl+A 全选)，再按功能键。</translation>
    </message>
    <message>
        <source>{done} done, {same} unchanged, {refused} refused.</source>
        <translation>完成 {done} 件，无变化 {same} 件，拒绝 {refused} 件。</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… 另有 {n} 条</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>New order for {name}</source>
        <translation>为 {name} 开单</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Shoot</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选片</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>取件</translation>
    </message>
    <message>
        <source>Extra product</source>
        <translation>加选产品</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add extra</source>
        <translation>添加加选</translation>
    </message>
    <message>
        <source>Remove extra</source>
        <translation>删除加选</translation>
    </message>
    <message>
        <source>Book order (Ctrl+Enter)</source>
        <translation>开单 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>套系</translation>
    </message>
    <message>
        <source>Extras (加选)</source>
        <translation>加选</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Discount reason</source>
        <translation>优惠原因</translation>
    </message>
    <message>
        <source>This discount needs a manager&apos;s approval; nothing was booked.</source>
        <translation>此优惠需店长批准；未开单。</translation>
    </message>
    <message>
        <source>Book {package} for {customer}: total {total}, deposit {deposit} ({method}) now?</source>
        <translation>为 {customer} 开单：{package}，总价 {total}，现收订金 {deposit}（{method}）？</translation>
    </message>
    <message>
        <source>Book {package} for {customer}: total {total}, no deposit now?</source>
        <translation>为 {customer} 开单：{package}，总价 {total}，暂不收订金？</translation>
    </message>
    <message>
        <source>Confirm the order</source>
        <translation>确认开单</translation>
    </message>
    <message>
        <source>Book it</source>
        <translation>确认开单</translation>
    </message>
    <message>
        <source>Back to the form</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <source>Pick a free time below (Enter), then book again.</source>
        <translation>请在下方选一个空闲时段 (Enter)，再重新预约。</translation>
    </message>
    <message>
        <source>Deposit taken now</source>
        <translation>本次收取订金</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Sessions and dates</source>
        <translation>拍摄阶段与日期</translation>
    </message>
    <message>
        <source>No package in the catalogue yet: a manager adds them under Settings.</source>
        <translation>产品目录中还没有套系：请店长在“设置”中添加。</translation>
    </message>
    <message>
        <source>Total {total} (package {package} + extras {extras} − discount {discount})</source>
        <translation>合计 {total}（套系 {package} + 加选 {extras} − 优惠 {discount}）</translation>
    </message>
    <message>
        <source>Every session needs a name.</source>
        <translation>每个拍摄阶段都需要名称。</translation>
    </message>
    <message>
        <source>This date is before the one on its left.</source>
        <translation>此日期早于左侧的日期。</translation>
    </message>
    <message>
        <source>Session {name}: a later step is dated before an earlier one.</source>
        <translation>拍摄阶段 {name}：后面步骤的日期早于前面的步骤。</translation>
    </message>
    <message>
        <source>Amounts are in yuan with at most two decimals.</source>
        <translation>金额以元为单位，最多两位小数。</translation>
    </message>
    <message>
        <source>A discount needs a reason.</source>
        <translation>优惠需要填写原因。</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>请更正标红的栏目。</translation>
    </message>
</context>
<context>
    <name>CalendarModel</name>
    <message>
        <source>full</source>
        <translation>已满</translation>
    </message>
    <message>
        <source>(not offered)</source>
        <translation>(未开放)</translation>
    </message>
    <message>
        <source>No time yet</source>
        <translation>未定时间</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <source>Follow-up call: {name}</source>
        <translation>回访：{name}</translation>
    </message>
    <message>
        <source>{name}, {phone} — order {order}, {stage}, attempt {attempt}</source>
        <translation>{name}，{phone} — 订单 {order}，{stage}，第 {attempt} 次拨打</translation>
    </message>
    <message>
        <source>&amp;Reached the customer</source>
        <translation>已联系上顾客(&amp;R)</translation>
    </message>
    <message>
        <source>Scores 1-5 (type the digit; * required)</source>
        <translation>评分 1-5（输入数字；* 为必答）</translation>
    </message>
    <message>
        <source>&amp;Add lead</source>
        <translation>添加线索(&amp;A)</translation>
    </message>
    <message>
        <source>Referral leads (people the customer recommended)</source>
        <translation>转介绍线索（顾客推荐的人）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>保存(&amp;S) (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>顾客的反馈</translation>
    </message>
    <message>
        <source>A referral lead needs a name and a phone number.</source>
        <translation>转介绍线索需要填写姓名和电话号码。</translation>
    </message>
</context>
<context>
    <name>CancelSessionDialog</name>
    <message>
        <source>Cancel session {session} of order {number}</source>
        <translation>取消订单 {number} 的拍摄阶段 {session}</translation>
    </message>
    <message>
        <source>Cancel this session</source>
        <translation>取消此拍摄阶段</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>不取消</translation>
    </message>
    <message>
        <source>The session&apos;s products that are not made yet are cancelled with it; the rest of the order stays. Money is returned by a refund.</source>
        <translation>此拍摄阶段中尚未制作的产品将一并取消，订单其余部分保留。款项请通过退款退还。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>A cancellation needs a reason.</source>
        <translation>取消需要填写原因。</translation>
    </message>
</context>
<context>
    <name>CatalogueDialog</name>
    <message>
        <source>Catalogue</source>
        <translation>产品目录</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>套系</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Only a manager can change the catalogue; you can look.</source>
        <translation>只有店长可以修改产品目录；您可以查看。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>(none: made in the studio)</source>
        <translation>（无：店内制作）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>套系</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Session names, separated by commas: 百天, 周岁</source>
        <translation>拍摄阶段名称，用逗号分隔：百天, 周岁</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Session (1, 2, …)</source>
        <translation>拍摄阶段（1、2…）</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加产品行</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除产品行</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Price (¥)</source>
        <translation>价格（元）</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Made in the studio</source>
        <translation>店内制作</translation>
    </message>
    <message>
        <source>Design approval</source>
        <translation>设计确认</translation>
    </message>
    <message>
        <source>As an extra</source>
        <translation>加选</translation>
    </message>
    <message>
        <source>Made in the studio (no lab)</source>
        <translation>店内制作（不发厂）</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Design needs the customer&apos;s approval before it goes to a lab (看样)</source>
        <translation>发厂前设计需客人确认 (看样)</translation>
    </message>
    <message>
        <source>empty: not sold as an extra</source>
        <translation>留空:不作加选销售</translation>
    </message>
    <message>
        <source>Usual lab</source>
        <translation>常用厂商</translation>
    </message>
    <message>
        <source>Price as an extra (¥)</source>
        <translation>加选价 (¥)</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Turnaround (days)</source>
        <translation>制作周期（天）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Bills reworks (返工收费): a rework sent back is charged like a new product</source>
        <translation>返工收费：返工件再次发给厂商时，按新产品计费</translation>
    </message>
    <message>
        <source>Lab price (¥)</source>
        <translation>厂商价格（元）</translation>
    </message>
    <message>
        <source>Usual turnaround (days)</source>
        <translation>常规制作周期（天）</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Price list (leave the price empty for products this lab does not make)</source>
        <translation>价格表（该厂商不做的产品请留空）</translation>
    </message>
    <message>
        <source>usual</source>
        <translation>常规</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation>介绍人</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Customers referred</source>
        <translation>介绍顾客数</translation>
    </message>
    <message>
        <source>Orders booked in the month (cancelled ones left out) by the customer&apos;s channel; value: what the orders cost. Referral rate: referral orders ÷ all orders. Top referrers: whose referred customers booked the most orders in the month.</source>
        <translation>按顾客的来源渠道统计当月开单的订单（不含已取消的订单）；金额：订单的总价。转介绍率：转介绍订单数 ÷ 全部订单数。介绍人排行：所介绍的顾客当月开单最多的介绍人。</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Top referrers</source>
        <translation>介绍人排行</translation>
    </message>
    <message>
        <source>{orders} orders, {value}; referral rate {rate}</source>
        <translation>订单 {orders} 单，金额 {value}；转介绍率 {rate}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Redo sent</source>
        <translation>重做送出</translation>
    </message>
    <message>
        <source>Picked up again</source>
        <translation>再次取件</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>A&amp;mend…</source>
        <translation>补救(&amp;M)…</translation>
    </message>
    <message>
        <source>Follow-up &amp;call…</source>
        <translation>回访(&amp;C)…</translation>
    </message>
    <message>
        <source>Apology &amp;letter…</source>
        <translation>致歉信(&amp;L)…</translation>
    </message>
    <message>
        <source>Cl&amp;ose complaint…</source>
        <translation>结案(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Reopen…</source>
        <translation>重开(&amp;R)…</translation>
    </message>
    <message>
        <source>The 4A steps</source>
        <translation>4A 步骤</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Not reached.</source>
        <translation>未联系上。</translation>
    </message>
    <message>
        <source>Complaint {id} · {customer}</source>
        <translation>客诉 {id} · {customer}</translation>
    </message>
    <message>
        <source>{customer} ({phones}) · order {order}</source>
        <translation>{customer}（{phones}）· 订单 {order}</translation>
    </message>
    <message>
        <source>{category} · {severity} · {channel} · {status} · received {received} by {by} · owner {owner}</source>
        <translation>{category} · {severity} · {channel} · {status} · {by} 于 {received} 受理 · 负责人 {owner}</translation>
    </message>
    <message>
        <source>Staff involved: {staff} {position}</source>
        <translation>涉及员工：{staff} {position}</translation>
    </message>
    <message>
        <source>Amend: {kind} {amount} {action} · fault: {fault} {lab}</source>
        <translation>补救：{kind} {amount} {action} · 责任方：{fault} {lab}</translation>
    </message>
    <message>
        <source>Waiting for the redone items to be picked up; a follow-up call is then scheduled.</source>
        <translation>等待顾客取走重做的客件；取件后将安排回访。</translation>
    </message>
    <message>
        <source>Follow-up call due on {day}</source>
        <translation>应于 {day} 回访</translation>
    </message>
    <message>
        <source>Satisfaction with the resolution: {score} / 5</source>
        <translation>对处理结果的满意度：{score} / 5</translation>
    </message>
    <message>
        <source>Mark “{step}” &amp;done</source>
        <translation>标记“{step}”已完成(&amp;D)</translation>
    </message>
    <message>
        <source>All steps done</source>
        <translation>所有步骤已完成</translation>
    </message>
    <message>
        <source>Anticipate</source>
        <translation>预防</translation>
    </message>
    <message>
        <source>What changes so that it does not happen again? (required)</source>
        <translation>要做哪些改进，避免再次发生？（必填）</translation>
    </message>
    <message>
        <source>Close the complaint</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>How satisfied is the customer with the resolution? (1 = not at all, 5 = fully) A note if you like.</source>
        <translation>顾客对处理结果的满意度如何？（1 = 完全不满意，5 = 完全满意）可另写备注。</translation>
    </message>
    <message>
        <source>Reopen the complaint</source>
        <translation>重开客诉</translation>
    </message>
    <message>
        <source>Why is it reopened? (required) Its history stays; Amend and Anticipate are open again.</source>
        <translation>为什么重开？（必填）原有记录保留；“补救”和“预防”重新待办。</translation>
    </message>
</context>
<context>
    <name>ComplaintListPage</name>
    <message>
        <source>&amp;New complaint… (Ctrl+N)</source>
        <translation>新建客诉(&amp;N)… (Ctrl+N)</translation>
    </message>
    <message>
        <source>Step &amp;deadlines…</source>
        <translation>步骤时限(&amp;D)…</translation>
    </message>
    <message>
        <source>Show &amp;closed</source>
        <translation>显示已结案(&amp;C)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Overdue steps</source>
        <translation>超期步骤</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>Complaints</source>
        <translation>客诉</translation>
    </message>
    <message>
        <source>Monthly board</source>
        <translation>月度看板</translation>
    </message>
    <message>
        <source>Lab scorecard</source>
        <translation>厂商考核</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Staff scores</source>
        <translation>员工服务评分</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Customer tiers</source>
        <translation>客户层级</translation>
    </message>
    <message>
        <source>Overdue steps: {n}</source>
        <translation>超期步骤：{n}</translation>
    </message>
    <message>
        <source>Com&amp;plaints ({n} overdue)</source>
        <translation>客诉(&amp;P)（{n} 项超期）</translation>
    </message>
    <message>
        <source>Com&amp;plaints</source>
        <translation>客诉(&amp;P)</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>File</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Order / item</source>
        <translation>订单 / 客件</translation>
    </message>
    <message>
        <source>Product / package</source>
        <translation>产品 / 套系</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Expected back</source>
        <translation>预计回件</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>待付余额</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>客诉</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>资料调查</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>New order (Ctrl+N)</source>
        <translation>新开单 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>One phone per line</source>
        <translation>每行一个电话</translation>
    </message>
    <message>
        <source>Referrer&apos;s phone (last 4+ digits) or name</source>
        <translation>介绍人电话（后 4 位以上）或姓名</translation>
    </message>
    <message>
        <source>Agrees to marketing messages (greetings, offers)</source>
        <translation>同意接收营销信息（节日问候、优惠活动）</translation>
    </message>
    <message>
        <source>Agrees that the studio keeps survey facts (family, preferences, occasions)</source>
        <translation>同意本店保存调查资料（家庭情况、喜好、纪念日等）</translation>
    </message>
    <message>
        <source>&amp;Export their data…</source>
        <translation>导出其资料(&amp;E)…</translation>
    </message>
    <message>
        <source>E&amp;rase on request…</source>
        <translation>应要求删除(&amp;R)…</translation>
    </message>
    <message>
        <source>Personal information law: marketing messages go only to customers who agreed; survey answers are kept only with consent (withdrawing it deletes them). On request, a manager exports the customer&apos;s data for them or erases it: names, phones, dates, address, notes and survey answers are removed; orders, payments and item history stay for the accounts. Every change is in the audit log.</source>
        <translation>个人信息保护法：营销信息只发给已同意的顾客；调查答案只在顾客同意后保存（撤回同意即删除）。应顾客要求，店长可为其导出资料或删除资料：姓名、电话、日期、地址、备注和调查答案将被删除；订单、收款和客件记录保留，用于账目。每次更改都记入操作日志。</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>同意情况</translation>
    </message>
    <message>
        <source>marketing since {time}</source>
        <translation>营销信息：{time} 起</translation>
    </message>
    <message>
        <source>survey since {time}</source>
        <translation>调查资料：{time} 起</translation>
    </message>
    <message>
        <source>Erased on request on {time}.</source>
        <translation>已于 {time} 应顾客要求删除。</translation>
    </message>
    <message>
        <source>Withdraw survey consent</source>
        <translation>撤回资料调查同意</translation>
    </message>
    <message>
        <source>Withdrawing the survey consent deletes every survey answer of {name}. Withdraw it?</source>
        <translation>撤回资料调查同意将删除 {name} 的全部调查答案。确定撤回吗？</translation>
    </message>
    <message>
        <source>Save the customer&apos;s data</source>
        <translation>保存顾客资料</translation>
    </message>
    <message>
        <source>{name} data.xlsx</source>
        <translation>{name} 资料.xlsx</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Partner&apos;s name</source>
        <translation>配偶姓名</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Partner&apos;s birthday</source>
        <translation>配偶生日</translation>
    </message>
    <message>
        <source>Wedding date</source>
        <translation>婚期</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Family notes</source>
        <translation>家庭情况</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>介绍人</translation>
    </message>
    <message>
        <source>Customer tier</source>
        <translation>客户层级</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建顾客</translation>
    </message>
    <message>
        <source>Customer: {name}</source>
        <translation>顾客：{name}</translation>
    </message>
    <message>
        <source>(not computed yet)</source>
        <translation>（尚未计算）</translation>
    </message>
    <message>
        <source>{tier} (score {score})</source>
        <translation>{tier}（得分 {score}）</translation>
    </message>
    <message>
        <source>A customer needs a name.</source>
        <translation>请填写顾客姓名。</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>请更正标红的栏目。</translation>
    </message>
    <message>
        <source>The referrer could not be looked up just now; try again.</source>
        <translation>暂时查不到介绍人，请稍后再试。</translation>
    </message>
    <message>
        <source>No customer matches the referrer.</source>
        <translation>没有找到与介绍人相符的顾客。</translation>
    </message>
    <message>
        <source>Several customers match the referrer; type more of the phone.</source>
        <translation>有多位顾客与介绍人相符；请多输入几位电话号码。</translation>
    </message>
    <message>
        <source>Phone already known</source>
        <translation>电话已存在</translation>
    </message>
    <message>
        <source>{phone} already belongs to {names}. Create a new customer anyway?</source>
        <translation>{phone} 已属于 {names}。仍要新建顾客吗？</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>DeadlinesDialog</name>
    <message>
        <source>Complaint step deadlines</source>
        <translation>客诉步骤时限</translation>
    </message>
    <message>
        <source>Hours after a complaint is received by which each step is due. Complaints already recorded keep their deadlines.</source>
        <translation>客诉受理后，各步骤须在多少小时内完成。已登记的客诉保留原有时限。</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
</context>
<context>
    <name>DiscountLimitsDialog</name>
    <message>
        <source>Discount limits</source>
        <translation>优惠上限</translation>
    </message>
    <message>
        <source>A counter clerk may give a discount up to this percent of the order&apos;s price and up to this amount; above either, a manager types their name and PIN. 0 means every discount needs a manager.</source>
        <translation>前台可自行给出不超过订单价格此百分比、且不超过此金额的优惠；超过任一项，需店长输入姓名和 PIN。0 表示任何优惠都需店长批准。</translation>
    </message>
    <message>
        <source>Up to percent of the price</source>
        <translation>不超过价格的百分比</translation>
    </message>
    <message>
        <source>Up to the amount</source>
        <translation>不超过金额</translation>
    </message>
    <message>
        <source>Amounts are in yuan with at most two decimals.</source>
        <translation>金额以元为单位，最多两位小数。</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase {name}&apos;s personal data</source>
        <translation>删除 {name} 的个人信息</translation>
    </message>
    <message>
        <source>This erases {name}&apos;s names, phones, birthdays, address, notes and survey answers for good; orders, payments and item history stay for the accounts. It cannot be undone.

Type the customer&apos;s name “{name}” to confirm:</source>
        <translation>此操作将永久删除 {name} 的姓名、电话、生日、地址、备注和调查答案；订单、收款和客件记录保留，用于账目。删除后无法恢复。

请输入顾客姓名“{name}”以确认：</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to StudioDesk</source>
        <translation>欢迎使用 StudioDesk</translation>
    </message>
    <message>
        <source>This database is new. Name the studio and create the first manager account; the manager then adds the other staff.</source>
        <translation>这是一个新数据库。请填写影楼名称并创建第一个店长账号；之后由店长添加其他员工。</translation>
    </message>
    <message>
        <source>Studio name</source>
        <translation>影楼名称</translation>
    </message>
    <message>
        <source>Manager&apos;s name</source>
        <translation>店长姓名</translation>
    </message>
    <message>
        <source>Password or PIN</source>
        <translation>密码或 PIN</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>The studio needs a name.</source>
        <translation>请填写影楼名称。</translation>
    </message>
    <message>
        <source>The manager needs a name.</source>
        <translation>请填写店长姓名。</translation>
    </message>
    <message>
        <source>The two entries differ.</source>
        <translation>两次输入不一致。</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>请更正标红的栏目。</translation>
    </message>
</context>
<context>
    <name>FollowUpCallDialog</name>
    <message>
        <source>Follow-up call</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>&amp;Reached the customer</source>
        <translation>已联系上顾客(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save the call</source>
        <translation>保存回访(&amp;S)</translation>
    </message>
    <message>
        <source>Sc&amp;ore (1-5)</source>
        <translation>评分（1-5）(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Notes: what the customer said</source>
        <translation>备注：顾客的反馈(&amp;N)</translation>
    </message>
    <message>
        <source>Give the customer&apos;s score, 1 to 5.</source>
        <translation>请填写顾客评分，1 至 5 分。</translation>
    </message>
</context>
<context>
    <name>FollowUpQuestionsDialog</name>
    <message>
        <source>Follow-up questionnaires</source>
        <translation>回访问卷</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分对象</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必答</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(no one)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Add as new</source>
        <translation>添加为新问题</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Scores the</source>
        <translation>评分对象</translation>
    </message>
    <message>
        <source>When calls are due</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Tries before giving up</source>
        <translation>放弃前拨打次数</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Choose the question to change first.</source>
        <translation>请先选择要修改的问题。</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>&amp;Call… (Enter)</source>
        <translation>回访(&amp;C)… (Enter)</translation>
    </message>
    <message>
        <source>&amp;Questionnaires…</source>
        <translation>回访问卷(&amp;Q)…</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应回访日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>第几次拨打</translation>
    </message>
    <message>
        <source>Given up</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>拨打次数</translation>
    </message>
    <message>
        <source>Calls due by</source>
        <translation>应回访日期截至</translation>
    </message>
    <message>
        <source>Given up after the last attempt (30 days)</source>
        <translation>拨打次数用完仍未联系上而放弃的回访（近 30 天）</translation>
    </message>
    <message>
        <source>{stage} (complaint {id})</source>
        <translation>{stage}（客诉 {id}）</translation>
    </message>
    <message>
        <source>{n} calls to make, {late} overdue</source>
        <translation>待回访 {n} 通，其中已超期 {late} 通</translation>
    </message>
</context>
<context>
    <name>ImportSettingsDialog</name>
    <message>
        <source>Import settings</source>
        <translation>导入设置</translation>
    </message>
    <message>
        <source>Only a manager can import message templates and reminder rules: you import this station&apos;s settings only.</source>
        <translation>只有店长可以导入短信模板和提醒规则；这次只导入本机工作站的设置。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>From {file}:</source>
        <translation>来自 {file}：</translation>
    </message>
    <message>
        <source>Message templates: {count} in the file; {added} new, {changed} changed.</source>
        <translation>短信模板：文件中有 {count} 个；新增 {added} 个，修改 {changed} 个。</translation>
    </message>
    <message>
        <source>Reminder rules: {count} in the file; {added} new, {changed} changed, {off} switched off (not in the file).</source>
        <translation>提醒规则：文件中有 {count} 条；新增 {added} 条，修改 {changed} 条，停用 {off} 条（文件中没有的）。</translation>
    </message>
    <message>
        <source>its timing and prefixes</source>
        <translation>扫描速度与前后缀设置</translation>
    </message>
    <message>
        <source>Scanner: {scanner}.</source>
        <translation>扫描枪：{scanner}。</translation>
    </message>
    <message>
        <source>Label printer size: {size} mm.</source>
        <translation>标签打印机尺寸：{size} 毫米。</translation>
    </message>
    <message>
        <source>Language: {language}.</source>
        <translation>语言：{language}。</translation>
    </message>
    <message>
        <source>This station: {count} of {total} settings change.</source>
        <translation>本机工作站：{total} 项设置中有 {count} 项会更改。</translation>
    </message>
    <message>
        <source>Importing settings…</source>
        <translation>正在导入设置…</translation>
    </message>
</context>
<context>
    <name>ItemHistoryDialog</name>
    <message>
        <source>History of {code}</source>
        <translation>{code} 的记录</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>(made)</source>
        <translation>(新建)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发件单</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Expected back</source>
        <translation>预计回件</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>No. {id} to {lab}</source>
        <translation>{id} 号单，发往 {lab}</translation>
    </message>
    <message>
        <source>Order {number}: every item</source>
        <translation>订单 {number}：全部客件</translation>
    </message>
</context>
<context>
    <name>LabScorePage</name>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>(no lab)</source>
        <translation>（无厂商）</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>回件件数</translation>
    </message>
    <message>
        <source>Median turnaround (days)</source>
        <translation>制作周期中位数（天）</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>超期率</translation>
    </message>
    <message>
        <source>Reworks</source>
        <translation>返工件数</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Complaints traced</source>
        <translation>归责客诉</translation>
    </message>
    <message>
        <source>Items returned from each lab in the month: days from being sent to being returned (median); late: returned after the lab&apos;s turnaround for the product; rework rate: reworks ÷ returns; complaints whose fault was traced to the lab.</source>
        <translation>各厂商当月回件的客件：从发件到回件的天数（中位数）；超期：回件晚于该厂商此产品的制作周期；返工率：返工件数 ÷ 回件件数；归责客诉：责任判定为该厂商的客诉。</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <source>Apology letter · complaint {id}</source>
        <translation>致歉信 · 客诉 {id}</translation>
    </message>
    <message>
        <source>Placeholders: {customer} {date} {received} {order} {description} {amend} {studio} {staff}. Edit the letter below before printing; save the template for next time.</source>
        <translation>占位符：{customer} {date} {received} {order} {description} {amend} {studio} {staff}。打印前可在下方修改信件；保存模板，下次接着用。</translation>
    </message>
    <message>
        <source>Save as the studio&apos;s &amp;template</source>
        <translation>存为本店模板(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信件</translation>
    </message>
    <message>
        <source>Save the letter as PDF</source>
        <translation>将信件存为 PDF</translation>
    </message>
    <message>
        <source>The PDF could not be written: {error}</source>
        <translation>无法写入 PDF：{error}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>StudioDesk — log in</source>
        <translation>StudioDesk — 登录</translation>
    </message>
    <message>
        <source>Name, or scan your badge</source>
        <translation>姓名，或扫描工牌</translation>
    </message>
    <message>
        <source>Password or PIN</source>
        <translation>密码或 PIN</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>{error} Try again in {seconds} s.</source>
        <translation>{error} 请 {seconds} 秒后再试。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Orders</source>
        <translation>门市订单(&amp;O)</translation>
    </message>
    <message>
        <source>Schedu&amp;le</source>
        <translation>档期(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Backup now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Switch staff…</source>
        <translation>切换员工(&amp;S)…</translation>
    </message>
    <message>
        <source>Pickup s&amp;tation mode (F11)</source>
        <translation>取件台模式(&amp;T) (F11)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Catalogue (packages, products, labs)…</source>
        <translation>产品目录（套系、产品、厂商）(&amp;C)…</translation>
    </message>
    <message>
        <source>Studio &amp;name…</source>
        <translation>影楼名称(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Follow-up questionnaires…</source>
        <translation>回访问卷(&amp;F)…</translation>
    </message>
    <message>
        <source>S&amp;taff…</source>
        <translation>员工(&amp;T)…</translation>
    </message>
    <message>
        <source>Time s&amp;lots…</source>
        <translation>时段(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Discount limits…</source>
        <translation>优惠上限(&amp;D)…</translation>
    </message>
    <message>
        <source>Customer survey &amp;questions…</source>
        <translation>客户资料调查问题(&amp;Q)…</translation>
    </message>
    <message>
        <source>&amp;Reminders and message templates…</source>
        <translation>提醒与短信模板(&amp;R)…</translation>
    </message>
    <message>
        <source>A&amp;udit log…</source>
        <translation>操作日志(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>This &amp;station&apos;s name…</source>
        <translation>本机工作站名称(&amp;S)…</translation>
    </message>
    <message>
        <source>C&amp;hange database…</source>
        <translation>更换数据库(&amp;H)…</translation>
    </message>
    <message>
        <source>E&amp;xport settings…</source>
        <translation>导出设置(&amp;X)…</translation>
    </message>
    <message>
        <source>I&amp;mport settings…</source>
        <translation>导入设置(&amp;M)…</translation>
    </message>
    <message>
        <source>Sc&amp;anner…</source>
        <translation>扫描枪(&amp;A)…</translation>
    </message>
    <message>
        <source>Label &amp;printer size…</source>
        <translation>标签打印机尺寸(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Phone scanning…</source>
        <translation>手机理件(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Month-end (lab reconciliation, monthly workbook)…</source>
        <translation>月结（厂商对账、月度报表）(&amp;M)…</translation>
    </message>
    <message>
        <source>Check a lab &amp;statement…</source>
        <translation>核对厂商对账单(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About StudioDesk</source>
        <translation>关于 StudioDesk(&amp;A)</translation>
    </message>
    <message>
        <source>The database can be reached again: scans are saved as before.</source>
        <translation>数据库已重新连上：扫描照常保存。</translation>
    </message>
    <message>
        <source>Offline: the database cannot be reached. Nothing is saved until it is back.</source>
        <translation>离线：无法连接数据库。恢复连接之前不会保存任何内容。</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>Studio: {studio}   Staff: {staff}   Station: {station}   Database: {db}</source>
        <translation>影楼：{studio}   员工：{staff}   工作站：{station}   数据库：{db}</translation>
    </message>
    <message>
        <source>Find the customer first (or create one with F2), then press Ctrl+N.</source>
        <translation>请先找到顾客（或按 F2 新建），再按 Ctrl+N。</translation>
    </message>
    <message>
        <source>This studio uses a shared PostgreSQL database; back it up on the server with pg_dump.</source>
        <translation>本影楼使用共享的 PostgreSQL 数据库；请在服务器上用 pg_dump 备份。</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Backup written and verified:
{path}</source>
        <translation>备份已写入并校验通过：
{path}</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>This studio uses a shared PostgreSQL database; restore it on the server with pg_restore.</source>
        <translation>本影楼使用共享的 PostgreSQL 数据库；请在服务器上用 pg_restore 恢复。</translation>
    </message>
    <message>
        <source>The database was restored from {backup}.</source>
        <translation>数据库已从 {backup} 恢复。</translation>
    </message>
    <message>
        <source>The database as it was is kept at {kept}.</source>
        <translation>恢复前的数据库保存在 {kept}。</translation>
    </message>
    <message>
        <source>StudioDesk closes now; start it again to work on the restored database.</source>
        <translation>StudioDesk 现在关闭；请重新启动，以使用恢复后的数据库。</translation>
    </message>
    <message>
        <source>Only a manager can rename the studio.</source>
        <translation>只有店长可以修改影楼名称。</translation>
    </message>
    <message>
        <source>Studio name</source>
        <translation>影楼名称</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>Name of this PC, recorded with every scan and payment</source>
        <translation>本机名称，会记录在每次扫描和收款中</translation>
    </message>
    <message>
        <source>StudioDesk will open {db} when it is started without a database named on its command line. This station was started with one (--db, --demo or STUDIODESK_DB), which comes first: remove it from the shortcut for the choice to be used. Until then this window keeps working on {current}.</source>
        <translation>StudioDesk 在启动命令里没有指定数据库时才会打开 {db}。本机工作站启动时指定了数据库（--db、--demo 或 STUDIODESK_DB），它优先：请从快捷方式中去掉它，这次的选择才会生效。在此之前，本窗口继续使用 {current}。</translation>
    </message>
    <message>
        <source>StudioDesk opens {db} the next time it starts. Until then this window keeps working on {current}.</source>
        <translation>StudioDesk 下次启动时将打开 {db}。在此之前，本窗口仍使用 {current}。</translation>
    </message>
    <message>
        <source>Exporting settings…</source>
        <translation>正在导出设置…</translation>
    </message>
    <message>
        <source>Settings exported to {file}: this station&apos;s scanner, label size and language, {templates} message templates and {rules} reminder rules. Import the file at the other station (Settings → Import settings…).</source>
        <translation>设置已导出到 {file}：本机工作站的扫描枪、标签尺寸和语言，以及 {templates} 个短信模板和 {rules} 条提醒规则。请在另一台工作站上导入此文件（“设置 → 导入设置…”）。</translation>
    </message>
    <message>
        <source>Settings imported.</source>
        <translation>设置已导入。</translation>
    </message>
    <message>
        <source>Message templates: {t_added} new, {t_changed} changed. Reminder rules: {r_added} new, {r_changed} changed, {r_off} switched off.</source>
        <translation>短信模板：新增 {t_added} 个，修改 {t_changed} 个。提醒规则：新增 {r_added} 条，修改 {r_changed} 条，停用 {r_off} 条。</translation>
    </message>
    <message>
        <source>Label printer size</source>
        <translation>标签打印机尺寸</translation>
    </message>
    <message>
        <source>Label size in mm, width x height (e.g. 50x30)</source>
        <translation>标签尺寸（毫米），宽 x 高（例如 50x30）</translation>
    </message>
    <message>
        <source>{text} is not a label size: write width x height in mm, 20-150 x 15-150, e.g. 50x30.</source>
        <translation>{text} 不是有效的标签尺寸：请按“宽 x 高”填写毫米数，范围 20-150 x 15-150，例如 50x30。</translation>
    </message>
    <message>
        <source>The language changes when StudioDesk starts next time.</source>
        <translation>语言将在下次启动 StudioDesk 时生效。</translation>
    </message>
    <message>
        <source>About StudioDesk</source>
        <translation>关于 StudioDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;StudioDesk {version}&lt;/b&gt;&lt;br&gt;Orders, product tracking, pickup and customer care for photo studios.&lt;br&gt;Database: {db}</source>
        <translation>&lt;b&gt;StudioDesk {version}&lt;/b&gt;&lt;br&gt;影楼开单、客件跟踪、取件与客户服务软件。&lt;br&gt;数据库：{db}</translation>
    </message>
</context>
<context>
    <name>ManagerApprovalDialog</name>
    <message>
        <source>Manager&apos;s approval</source>
        <translation>店长批准</translation>
    </message>
    <message>
        <source>A discount of {discount} is above what the counter may give alone ({percent}% of the price, {amount}). A manager approves it with their name and PIN.</source>
        <translation>{discount} 的优惠超过前台可自行给出的上限（价格的 {percent}%，{amount}）。需店长输入姓名和 PIN 批准。</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
</context>
<context>
    <name>MessagesDialog</name>
    <message>
        <source>Reminders and message templates</source>
        <translation>提醒与短信模板</translation>
    </message>
    <message>
        <source>Marketing (only to customers who consent)</source>
        <translation>营销信息（只发给已同意的顾客）</translation>
    </message>
    <message>
        <source>= {what}</source>
        <translation>= {what}</translation>
    </message>
    <message>
        <source>Fields: {fields}</source>
        <translation>字段：{fields}</translation>
    </message>
    <message>
        <source>&amp;Save template</source>
        <translation>保存模板(&amp;S)</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Message templates</source>
        <translation>短信模板</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Negative: days before the event; positive: days after it</source>
        <translation>负数：事件前几天；正数：事件后几天</translation>
    </message>
    <message>
        <source>Save &amp;rule</source>
        <translation>保存规则(&amp;R)</translation>
    </message>
    <message>
        <source>Add as &amp;new rule</source>
        <translation>添加为新规则(&amp;N)</translation>
    </message>
    <message>
        <source>Reminder rules (follow-up calls due come from the follow-up worklist)</source>
        <translation>提醒规则（到期的回访来自待回访清单）</translation>
    </message>
    <message>
        <source>(no message)</source>
        <translation>（不发消息）</translation>
    </message>
    <message>
        <source>{n} day(s) before</source>
        <translation>{n} 天前</translation>
    </message>
    <message>
        <source>{n} day(s) after</source>
        <translation>{n} 天后</translation>
    </message>
    <message>
        <source>on the day</source>
        <translation>当天</translation>
    </message>
    <message>
        <source>Template saved.</source>
        <translation>模板已保存。</translation>
    </message>
    <message>
        <source>Choose a rule first.</source>
        <translation>请先选择规则。</translation>
    </message>
    <message>
        <source>Rule saved.</source>
        <translation>规则已保存。</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move the {what} of {session} ({customer})</source>
        <translation>{session} 的{what}改期 ({customer})</translation>
    </message>
    <message>
        <source>Set the {what} of {session} ({customer})</source>
        <translation>设定 {session} 的{what}时间 ({customer})</translation>
    </message>
    <message>
        <source>Rebook the shoot of {session} ({customer})</source>
        <translation>重新预约 {session} 的拍摄 ({customer})</translation>
    </message>
    <message>
        <source>e.g. the customer is away that week</source>
        <translation>例如：客人那周不在本地</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>Move (Ctrl+Enter)</source>
        <translation>改期 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Set (Ctrl+Enter)</source>
        <translation>确定 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Rebook (Ctrl+Enter)</source>
        <translation>重新预约 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>原时间</translation>
    </message>
    <message>
        <source>New day</source>
        <translation>新日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Type the new day.</source>
        <translation>请输入新日期。</translation>
    </message>
    <message>
        <source>Say why the session moves (the customer asked, the photographer is ill…).</source>
        <translation>请写明改期原因 (客人要求、摄影师生病……)。</translation>
    </message>
    <message>
        <source>Pick a free time below (Enter).</source>
        <translation>请在下方选一个空闲时段 (Enter)。</translation>
    </message>
</context>
<context>
    <name>NewComplaintDialog</name>
    <message>
        <source>New complaint</source>
        <translation>新建客诉</translation>
    </message>
    <message>
        <source>Last 4 digits of a phone, or a name; Enter</source>
        <translation>电话后 4 位或姓名，按 Enter</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>No customer chosen yet.</source>
        <translation>尚未选择顾客。</translation>
    </message>
    <message>
        <source>Space ticks the items the complaint is about; or scan their labels</source>
        <translation>按空格勾选客诉涉及的客件，或扫描客件标签</translation>
    </message>
    <message>
        <source>(the order of the items ticked)</source>
        <translation>（所勾选客件的订单）</translation>
    </message>
    <message>
        <source>(nobody named)</source>
        <translation>（未指明）</translation>
    </message>
    <message>
        <source>What the customer says went wrong</source>
        <translation>顾客反映的问题</translation>
    </message>
    <message>
        <source>&amp;Record complaint</source>
        <translation>记录客诉(&amp;R)</translation>
    </message>
    <message>
        <source>Rel&amp;ated order</source>
        <translation>相关订单(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <source>Se&amp;verity</source>
        <translation>严重程度(&amp;V)</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>渠道(&amp;H)</translation>
    </message>
    <message>
        <source>S&amp;taff involved</source>
        <translation>涉及员工(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Position</source>
        <translation>岗位(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>负责人(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>问题描述(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find the customer</source>
        <translation>查找顾客(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Items the complaint is about</source>
        <translation>涉及的客件(&amp;I)</translation>
    </message>
    <message>
        <source>Nobody found; try another phone tail or name.</source>
        <translation>未找到顾客；请换个电话尾号或姓名再试。</translation>
    </message>
    <message>
        <source>Customer: {name} {phones}</source>
        <translation>顾客：{name} {phones}</translation>
    </message>
    <message>
        <source>Find and choose the customer first.</source>
        <translation>请先查找并选择顾客。</translation>
    </message>
    <message>
        <source>Choose the complaint&apos;s category.</source>
        <translation>请选择客诉类别。</translation>
    </message>
    <message>
        <source>Describe the complaint.</source>
        <translation>请描述客诉问题。</translation>
    </message>
</context>
<context>
    <name>OffersList</name>
    <message>
        <source>{day} {time} · {n} free</source>
        <translation>{day} {time} · 余 {n} 组</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>e.g. 12-05</source>
        <translation>如 12-05</translation>
    </message>
    <message>
        <source>e.g. 1990-05-12</source>
        <translation>如 1990-05-12</translation>
    </message>
    <message>
        <source>Pick from a calendar (F4)</source>
        <translation>从日历中选择 (F4)</translation>
    </message>
    <message>
        <source>“{text}”: type the year too, as 1990-05-12.</source>
        <translation>“{text}”：请连年份一起输入，如 1990-05-12。</translation>
    </message>
    <message>
        <source>“{text}” is not a date. Type it as 2026-12-05, 12-05 or 1205.</source>
        <translation>“{text}”不是有效日期，请输入如 2026-12-05、12-05 或 1205。</translation>
    </message>
    <message>
        <source>“{text}” is not a date. Type it as 1990-05-12.</source>
        <translation>“{text}”不是有效日期，请输入如 1990-05-12。</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>Session</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Shoot</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选片</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>取件</translation>
    </message>
    <message>
        <source>Photographer</source>
        <translation>摄影师</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>设计</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Expected back</source>
        <translation>预计回件</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Extra price</source>
        <translation>加选价格</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>(new)</source>
        <translation>（新建）</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Reason / note</source>
        <translation>原因 / 备注</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Enter or double-click: the session, its history, move it, no-show…</source>
        <translation>回车或双击：查看拍摄阶段及其记录，改期、未到店…</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Take payment (Ctrl+P)</source>
        <translation>收款 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Print slip</source>
        <translation>打印凭条</translation>
    </message>
    <message>
        <source>Slip as PDF…</source>
        <translation>凭条存为 PDF…</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>打印收据</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Print an A4 sheet (3 × 8)…</source>
        <translation>打印 A4 标签纸（3 × 8）…</translation>
    </message>
    <message>
        <source>Print on the label printer…</source>
        <translation>用标签打印机打印…</translation>
    </message>
    <message>
        <source>Labels as PDF…</source>
        <translation>标签存为 PDF…</translation>
    </message>
    <message>
        <source>Approve designs… (Ctrl+D)</source>
        <translation>确认设计… (Ctrl+D)</translation>
    </message>
    <message>
        <source>Cancel order…</source>
        <translation>取消订单…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>订单 {number}</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation>（已取消）</translation>
    </message>
    <message>
        <source>Cancel order {number}</source>
        <translation>取消订单 {number}</translation>
    </message>
    <message>
        <source>Reason (required). Items not yet picked up are cancelled; refund money separately.</source>
        <translation>原因（必填）。未取走的客件将被取消；退款请另行办理。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>The PDF could not be written: {error}</source>
        <translation>无法写入 PDF：{error}</translation>
    </message>
    <message>
        <source>Selection day… (Ctrl+E)</source>
        <translation>选片… (Ctrl+E)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d32f2f&apos;&gt;refund due {amount}&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#d32f2f&apos;&gt;应退款 {amount}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2e7d32&apos;&gt;nothing due&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#2e7d32&apos;&gt;无欠款&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{colour}&apos;&gt;balance due {amount}&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:{colour}&apos;&gt;待付余额 {amount}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{number}&lt;/b&gt; · {customer} · {phones}&lt;br&gt;{package} · {progress}{cancelled}&lt;br&gt;Total {total} · paid {paid} · {owed}</source>
        <translation>&lt;b&gt;{number}&lt;/b&gt; · {customer} · {phones}&lt;br&gt;{package} · {progress}{cancelled}&lt;br&gt;总价 {total} · 已付 {paid} · {owed}</translation>
    </message>
    <message>
        <source>Save labels as PDF</source>
        <translation>标签另存为 PDF</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <source>Search: last 4 digits of a phone, a name or pinyin initials (zs), an order number or item code</source>
        <translation>搜索：电话后 4 位、姓名或拼音首字母（zs）、订单号或客件条码</translation>
    </message>
    <message>
        <source>New customer (F2)</source>
        <translation>新建顾客 (F2)</translation>
    </message>
    <message>
        <source>New order (Ctrl+N)</source>
        <translation>新开单 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>(no order)</source>
        <translation>（无订单）</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>套系</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>待付余额</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Expected back</source>
        <translation>预计回件</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Order {number} belongs to {customer}: check the name with the customer, then press Enter on the row to open it.</source>
        <translation>订单 {number} 属于 {customer}：请与顾客核对姓名，然后在该行按回车打开。</translation>
    </message>
    <message>
        <source>{n} results</source>
        <translation>{n} 条结果</translation>
    </message>
    <message>
        <source>No customer or order found. F2 creates a new customer from what you typed.</source>
        <translation>没有找到顾客或订单。按 F2 用刚才输入的内容新建顾客。</translation>
    </message>
    <message>
        <source>{number} · {customer} · {progress} · balance due {due}</source>
        <translation>{number} · {customer} · {progress} · 待付 {due}</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Manager&apos;s override</source>
        <translation>店长特批</translation>
    </message>
    <message>
        <source>The order still owes {due}. A manager may let the customer take the items now: their name, PIN and the reason are recorded.</source>
        <translation>该订单尚欠 {due}。店长可以特批顾客现在取件：将记录店长姓名、PIN 码和原因。</translation>
    </message>
    <message>
        <source>Staying behind: {items}</source>
        <translation>暂不取走：{items}</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>交件</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Take payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Required for a refund</source>
        <translation>退款时必填</translation>
    </message>
    <message>
        <source>Refund due: {due}</source>
        <translation>应退款：{due}</translation>
    </message>
    <message>
        <source>Balance due: {due}</source>
        <translation>待付余额：{due}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Amount (¥)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Enter an amount above ¥0.00.</source>
        <translation>请输入大于 ¥0.00 的金额。</translation>
    </message>
    <message>
        <source>A refund needs a reason.</source>
        <translation>退款需要填写原因。</translation>
    </message>
</context>
<context>
    <name>PhoneServerDialog</name>
    <message>
        <source>Phone scanning</source>
        <translation>手机理件</translation>
    </message>
    <message>
        <source>Serve the phone pages from this PC</source>
        <translation>由本机提供手机理件页面</translation>
    </message>
    <message>
        <source>Plain HTTP, without encryption (only on a network the studio trusts)</source>
        <translation>使用普通 HTTP，不加密（仅限本店信任的网络）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>The phone pages are off.</source>
        <translation>手机理件页面已关闭。</translation>
    </message>
    <message>
        <source>Open on a phone: {address}</source>
        <translation>在手机上打开：{address}</translation>
    </message>
    <message>
        <source>The phone pages could not start on port {port}: {why}</source>
        <translation>手机理件页面无法在端口 {port} 上启动：{why}</translation>
    </message>
</context>
<context>
    <name>PickupTab</name>
    <message>
        <source>Overdue at the lab</source>
        <translation>在厂超期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>expected {date}</source>
        <translation>预计 {date}</translation>
    </message>
    <message>
        <source>overdue since {date}</source>
        <translation>自 {date} 起超期</translation>
    </message>
    <message>
        <source>shelf {shelf}</source>
        <translation>货架 {shelf}</translation>
    </message>
    <message>
        <source>on the pickup shelf</source>
        <translation>在取件货架上</translation>
    </message>
    <message>
        <source>{when} · {staff}</source>
        <translation>{when} · {staff}</translation>
    </message>
    <message>
        <source>not yet at a lab</source>
        <translation>尚未发厂</translation>
    </message>
    <message>
        <source>back, being checked</source>
        <translation>已回件，理件中</translation>
    </message>
    <message>
        <source>going back to the lab</source>
        <translation>返工待发厂</translation>
    </message>
    <message>
        <source>not handed over</source>
        <translation>不交件</translation>
    </message>
    <message>
        <source>hand over</source>
        <translation>交件</translation>
    </message>
    <message>
        <source>Hand over (F12)</source>
        <translation>交件 (F12)</translation>
    </message>
    <message>
        <source>Pay here… (F9)</source>
        <translation>在此收款… (F9)</translation>
    </message>
    <message>
        <source>Manager override… (F10)</source>
        <translation>店长特批… (F10)</translation>
    </message>
    <message>
        <source>Print the receipt (Ctrl+P)</source>
        <translation>打印取件单 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Pick&amp;up</source>
        <translation>取件(&amp;U)</translation>
    </message>
    <message>
        <source>Scan an item label or the order slip.</source>
        <translation>请扫描客件标签或订单小票。</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>取件</translation>
    </message>
    <message>
        <source>Scan an item label or the order slip: the whole order is shown here.</source>
        <translation>请扫描客件标签或订单小票：整个订单会显示在这里。</translation>
    </message>
    <message>
        <source>Tier: {tier}</source>
        <translation>客户层级：{tier}</translation>
    </message>
    <message>
        <source>{ready} of {open} items ready</source>
        <translation>{open} 件中 {ready} 件可取</translation>
    </message>
    <message>
        <source> ({n} picked up before)</source>
        <translation>（此前已取 {n} 件）</translation>
    </message>
    <message>
        <source>{n} more</source>
        <translation>另有 {n} 件</translation>
    </message>
    <message>
        <source>missing: {items}</source>
        <translation>缺：{items}</translation>
    </message>
    <message>
        <source>✕ This order was cancelled: nothing is handed over</source>
        <translation>✕ 此订单已取消：不能交件</translation>
    </message>
    <message>
        <source>⚠ Balance due {due}: pay here (F9) or a manager overrides (F10)</source>
        <translation>⚠ 尚欠 {due}：在此收款 (F9)或由店长特批 (F10)</translation>
    </message>
    <message>
        <source>✔ Everything is ready and paid: F12 or the order slip hands it over</source>
        <translation>✔ 全部可取且已付清：按 F12 或再扫订单小票即可交件</translation>
    </message>
    <message>
        <source>Paid in full</source>
        <translation>已付清</translation>
    </message>
    <message>
        <source>Scan an item label or the order slip first.</source>
        <translation>请先扫描客件标签或订单小票。</translation>
    </message>
    <message>
        <source>Tick the ready items to hand over (click a tile).</source>
        <translation>请勾选要交付的可取客件（点击方块）。</translation>
    </message>
    <message>
        <source>The order still owes {due}: take it here (F9), or a manager overrides (F10). Nothing was handed over.</source>
        <translation>该订单尚欠 {due}：请在此收款 (F9)，或由店长特批 (F10)。未交件。</translation>
    </message>
    <message>
        <source>Partial pickup</source>
        <translation>部分取件</translation>
    </message>
    <message>
        <source>{product} ({code}): {status}, expected {date}</source>
        <translation>{product}（{code}）：{status}，预计 {date}</translation>
    </message>
    <message>
        <source>{product} ({code}): {status}</source>
        <translation>{product}（{code}）：{status}</translation>
    </message>
    <message>
        <source>Hand over {n} items? These stay behind:
{items}</source>
        <translation>交付 {n} 件？以下客件暂不取走：
{items}</translation>
    </message>
    <message>
        <source>{count} items handed over to {customer}.</source>
        <translation>已向 {customer} 交付 {count} 件。</translation>
    </message>
    <message>
        <source>The receipt could not be saved ({error}); print it with Ctrl+P.</source>
        <translation>取件单无法保存（{error}）；请按 Ctrl+P 打印。</translation>
    </message>
    <message>
        <source>Payment taken.</source>
        <translation>已收款。</translation>
    </message>
</context>
<context>
    <name>QuestionsDialog</name>
    <message>
        <source>Customer survey questions</source>
        <translation>客户资料调查问题</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Choice questions: one answer per line</source>
        <translation>选择题：每行一个答案</translation>
    </message>
    <message>
        <source>Asked (active)</source>
        <translation>启用（调查时提问）</translation>
    </message>
    <message>
        <source>Question (Chinese)</source>
        <translation>问题（中文）</translation>
    </message>
    <message>
        <source>Question (English)</source>
        <translation>问题（英文）</translation>
    </message>
    <message>
        <source>Answers to choose from</source>
        <translation>可选答案</translation>
    </message>
    <message>
        <source>&amp;New question</source>
        <translation>新建问题(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save question</source>
        <translation>保存问题(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <source>Receive and pass (one scan)</source>
        <translation>回件并理件通过 (扫一次)</translation>
    </message>
    <message>
        <source>Receive (back from the lab)</source>
        <translation>回件 (厂商送回)</translation>
    </message>
    <message>
        <source>Pass (checked, onto the shelf)</source>
        <translation>理件通过 (上货架)</translation>
    </message>
    <message>
        <source>Rework (scan, then pick the reason)</source>
        <translation>返工 (扫描后选原因)</translation>
    </message>
    <message>
        <source>Studio default: receive and pass with one scan</source>
        <translation>店内默认：扫一次即回件并理件通过</translation>
    </message>
    <message>
        <source>e.g. A-03 (kept for the next scans)</source>
        <translation>例如 A-03 (后续扫描沿用)</translation>
    </message>
    <message>
        <source>Scan an item label, or type its code and press Enter</source>
        <translation>扫描客件标签，或输入条码后按 Enter</translation>
    </message>
    <message>
        <source>Scan the items that came back.</source>
        <translation>请扫描回件的客件。</translation>
    </message>
    <message>
        <source>What is wrong (needed for “other”)</source>
        <translation>问题说明 (选“其他”时必填)</translation>
    </message>
    <message>
        <source>Rework reason (number key):</source>
        <translation>返工原因 (按数字键)：</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Shelf place</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Item code</source>
        <translation>客件条码</translation>
    </message>
    <message>
        <source>shelf {place}</source>
        <translation>货位 {place}</translation>
    </message>
    <message>
        <source>This session: {n} scans, {good} done, {bad} refused</source>
        <translation>本次：扫描 {n} 次，成功 {good}，拒绝 {bad}</translation>
    </message>
</context>
<context>
    <name>ReconcileDialog</name>
    <message>
        <source>Check a lab statement</source>
        <translation>核对厂商对账单</translation>
    </message>
    <message>
        <source>The lab&apos;s statement (.xlsx)</source>
        <translation>厂商的对账单（.xlsx）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Read columns</source>
        <translation>读取列</translation>
    </message>
    <message>
        <source>Remember these columns for this lab</source>
        <translation>为此厂商记住这些列</translation>
    </message>
    <message>
        <source>Columns of the statement</source>
        <translation>对账单的列</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>表头行</translation>
    </message>
    <message>
        <source>Difference / item code</source>
        <translation>差异 / 客件条码</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Statement row</source>
        <translation>对账单行号</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>计费单价</translation>
    </message>
    <message>
        <source>Price list</source>
        <translation>价格表单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Save result…</source>
        <translation>保存结果…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>对账单</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Choose the lab&apos;s statement</source>
        <translation>选择厂商的对账单</translation>
    </message>
    <message>
        <source>Choose the lab&apos;s statement first.</source>
        <translation>请先选择厂商的对账单。</translation>
    </message>
    <message>
        <source>Choose the header row and the columns by hand.</source>
        <translation>请手动选择表头行和各列。</translation>
    </message>
    <message>
        <source>The columns saved for this lab.</source>
        <translation>已使用为此厂商保存的列。</translation>
    </message>
    <message>
        <source>Columns guessed from the headers: check them before you go on.</source>
        <translation>已根据表头猜测各列：请先检查无误再继续。</translation>
    </message>
    <message>
        <source>Checking the statement…</source>
        <translation>正在核对对账单…</translation>
    </message>
    <message>
        <source>{lines} line(s) read, {agreed} agree. Billed {billed}; sent or returned at the price list {expected}.</source>
        <translation>已读取 {lines} 行，相符 {agreed} 件。计费 {billed}；按价格表计的发件或回件金额 {expected}。</translation>
    </message>
    <message>
        <source>{kind}: {count} line(s), {amount}</source>
        <translation>{kind}：{count} 行，{amount}</translation>
    </message>
    <message>
        <source>{lab} {month} statement check.xlsx</source>
        <translation>{lab} {month} 对账单核对.xlsx</translation>
    </message>
    <message>
        <source>Save the result</source>
        <translation>保存核对结果</translation>
    </message>
    <message>
        <source>Saving the result…</source>
        <translation>正在保存核对结果…</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <source>Month-end reports</source>
        <translation>月结报表</translation>
    </message>
    <message>
        <source>Every lab</source>
        <translation>全部厂商</translation>
    </message>
    <message>
        <source>Customer names go to the labs (a column in the lab export)</source>
        <translation>把顾客姓名发给厂商（厂商对账表中多一列）</translation>
    </message>
    <message>
        <source>Lab reconciliation export…</source>
        <translation>导出厂商对账表…</translation>
    </message>
    <message>
        <source>Manager&apos;s monthly workbook…</source>
        <translation>店长月度报表…</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>{lab} {month} reconciliation.xlsx</source>
        <translation>{lab} {month} 对账.xlsx</translation>
    </message>
    <message>
        <source>labs</source>
        <translation>全部厂商</translation>
    </message>
    <message>
        <source>Save the lab reconciliation</source>
        <translation>保存厂商对账表</translation>
    </message>
    <message>
        <source>Writing the lab reconciliation…</source>
        <translation>正在生成厂商对账表…</translation>
    </message>
    <message>
        <source>{n} sending(s) of {month} written to {path}</source>
        <translation>{month} 的 {n} 件发件已写入 {path}</translation>
    </message>
    <message>
        <source>Monthly workbook {month}.xlsx</source>
        <translation>月度报表 {month}.xlsx</translation>
    </message>
    <message>
        <source>Save the monthly workbook</source>
        <translation>保存月度报表</translation>
    </message>
    <message>
        <source>Writing the monthly workbook…</source>
        <translation>正在生成月度报表…</translation>
    </message>
    <message>
        <source>The monthly workbook of {month} was written to {path}</source>
        <translation>{month} 的月度报表已写入 {path}</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Other file…</source>
        <translation>其他文件…</translation>
    </message>
    <message>
        <source>Choose a backup to see what it holds.</source>
        <translation>请选择一个备份，查看其中的内容。</translation>
    </message>
    <message>
        <source>Restore this backup…</source>
        <translation>恢复此备份…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Restoring replaces everything in the database with the backup: work done since it was made is lost (the database as it is now is kept as a backup first). Every other StudioDesk on this database must be closed; this one closes afterwards.</source>
        <translation>恢复会用备份替换数据库中的全部内容：备份之后所做的工作都会丢失（恢复前会先把当前的数据库另存为一份备份）。使用此数据库的其他 StudioDesk 必须全部关闭；恢复完成后本 StudioDesk 也会关闭。</translation>
    </message>
    <message>
        <source>Backup to restore</source>
        <translation>要恢复的备份</translation>
    </message>
    <message>
        <source>StudioDesk backups (*.db)</source>
        <translation>StudioDesk 备份 (*.db)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Reading the backup…</source>
        <translation>正在读取备份…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{name}
Made {made}. {customers} customers, {orders} orders, {items} items; newest item event {newest}.</source>
        <translation>{name}
制作于 {made}。{customers} 位顾客，{orders} 个订单，{items} 件客件；最近一次客件操作：{newest}。</translation>
    </message>
    <message>
        <source>Replace the database with {name}? Work done since it was made is lost.</source>
        <translation>要用 {name} 替换数据库吗？备份之后所做的工作将会丢失。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
</context>
<context>
    <name>ReworkStatsPage</name>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Other dates</source>
        <translation>其他日期</translation>
    </message>
    <message>
        <source>By lab</source>
        <translation>按厂商</translation>
    </message>
    <message>
        <source>By product type</source>
        <translation>按产品</translation>
    </message>
    <message>
        <source>By reason</source>
        <translation>按原因</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Rework rate = reworks ÷ items returned from the lab in the same period (rework scans with their time in the period ÷ receive scans with their time in the period, for the same lab or product type). By reason: that reason&apos;s reworks ÷ all items returned. Each scan counts for the item&apos;s lab and product type; reasons typed instead of picked from the list count as “Other”.</source>
        <translation>返工率 = 同一期间的返工件数 ÷ 从厂商回件的件数 (期间内的返工扫描次数 ÷ 期间内的回件扫描次数,按同一厂商或产品统计)。按原因:该原因的返工件数 ÷ 全部回件件数。每次扫描计入该产品的厂商和产品类型;手动输入而非从列表选择的原因计为“其他”。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Reworks</source>
        <translation>返工件数</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>回件件数</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>What was typed</source>
        <translation>填写内容</translation>
    </message>
    <message>
        <source>(nothing typed)</source>
        <translation>(未填写)</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Rework rate (%)</source>
        <translation>返工率 (%)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Type a date.</source>
        <translation>请输入日期。</translation>
    </message>
    <message>
        <source>Counting reworks…</source>
        <translation>正在统计返工…</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>No lab (made in the studio)</source>
        <translation>无厂商 (店内制作)</translation>
    </message>
    <message>
        <source>{first} to {last}: {reworks} reworks, {returned} items returned, rework rate {rate}</source>
        <translation>{first} 至 {last}:返工 {reworks} 件,回件 {returned} 件,返工率 {rate}</translation>
    </message>
    <message>
        <source>Typed with “{reason}”:</source>
        <translation>“{reason}”的填写内容:</translation>
    </message>
</context>
<context>
    <name>ScannerDialog</name>
    <message>
        <source>Scanner</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>USB scanner that types (keyboard wedge)</source>
        <translation>USB 扫描枪（键盘模式）</translation>
    </message>
    <message>
        <source>Serial / virtual COM port scanner</source>
        <translation>串口 / 虚拟串口扫描枪</translation>
    </message>
    <message>
        <source>No scanner</source>
        <translation>不使用扫描枪</translation>
    </message>
    <message>
        <source>Beep on every scan (good and bad sound differently)</source>
        <translation>每次扫描都发出提示音（成功与失败声音不同）</translation>
    </message>
    <message>
        <source>A scanned staff badge also asks for the PIN</source>
        <translation>扫描员工工牌后还需输入 PIN</translation>
    </message>
    <message>
        <source>Scan something to test, or type here</source>
        <translation>扫描任意条码进行测试，或在此输入</translation>
    </message>
    <message>
        <source>Nothing received yet.</source>
        <translation>尚未收到任何内容。</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Speed (baud)</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Line end</source>
        <translation>行结束符</translation>
    </message>
    <message>
        <source>A scan types at most (average per character)</source>
        <translation>扫描时每个字符平均最多用时</translation>
    </message>
    <message>
        <source>A scan is at least (characters)</source>
        <translation>扫描内容至少（字符数）</translation>
    </message>
    <message>
        <source>A pause longer than this ends a burst</source>
        <translation>停顿超过此时长即视为输入结束</translation>
    </message>
    <message>
        <source>Prefix the scanner adds</source>
        <translation>扫描枪添加的前缀</translation>
    </message>
    <message>
        <source>Suffix the scanner adds</source>
        <translation>扫描枪添加的后缀</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Received as typing: {text}</source>
        <translation>识别为手工输入：{text}</translation>
    </message>
    <message>
        <source>Received as a scan: {code}</source>
        <translation>识别为扫描：{code}</translation>
    </message>
    <message>
        <source>Received as typing: {text} ({ms:.0f} ms per character)</source>
        <translation>识别为手工输入：{text}（每字符 {ms:.0f} 毫秒）</translation>
    </message>
    <message>
        <source>A serial scanner needs a port.</source>
        <translation>串口扫描枪需要填写端口。</translation>
    </message>
</context>
<context>
    <name>ScannerFileDialog</name>
    <message>
        <source>Import scanner file</source>
        <translation>导入扫描枪文件</translation>
    </message>
    <message>
        <source>The file the scanner wrote: one code per line</source>
        <translation>扫描枪导出的文件:每行一个条码</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Send to a lab</source>
        <translation>发件到厂商</translation>
    </message>
    <message>
        <source>Receive from the lab</source>
        <translation>从厂商回件</translation>
    </message>
    <message>
        <source>Passed the check (ready)</source>
        <translation>理件通过 (待取件)</translation>
    </message>
    <message>
        <source>Rework (back to the lab)</source>
        <translation>返工 (退回厂商)</translation>
    </message>
    <message>
        <source>What is wrong (needed for “Other”)</source>
        <translation>问题说明 (选“其他”时必填)</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The scans mean</source>
        <translation>扫描用途</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Rework reason</source>
        <translation>返工原因</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Already so</source>
        <translation>已是此状态</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Choose the scanner&apos;s file</source>
        <translation>选择扫描枪文件</translation>
    </message>
    <message>
        <source>Choose the scanner&apos;s file first.</source>
        <translation>请先选择扫描枪文件。</translation>
    </message>
    <message>
        <source>Importing the scanner&apos;s file…</source>
        <translation>正在导入扫描枪文件…</translation>
    </message>
    <message>
        <source>{accepted} done, {unchanged} already so, {refused} refused</source>
        <translation>完成 {accepted} 件,已是此状态 {unchanged} 件,被拒绝 {refused} 件</translation>
    </message>
</context>
<context>
    <name>ScheduleTab</name>
    <message>
        <source>◀ Previous (PgUp)</source>
        <translation>◀ 向前 (PgUp)</translation>
    </message>
    <message>
        <source>&amp;Today (T)</source>
        <translation>今天 (&amp;T)</translation>
    </message>
    <message>
        <source>Next (PgDn) ▶</source>
        <translation>向后 (PgDn) ▶</translation>
    </message>
    <message>
        <source>Day (D)</source>
        <translation>日 (D)</translation>
    </message>
    <message>
        <source>Week (W)</source>
        <translation>周 (W)</translation>
    </message>
    <message>
        <source>Shoots (S)</source>
        <translation>拍摄 (S)</translation>
    </message>
    <message>
        <source>Selections (L)</source>
        <translation>选片 (L)</translation>
    </message>
    <message>
        <source>Op&amp;en… (Enter)</source>
        <translation>打开(&amp;E)… (Enter)</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>改期(&amp;M)…</translation>
    </message>
    <message>
        <source>Mar&amp;k shot</source>
        <translation>标记已拍(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;No-show</source>
        <translation>未到店(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Rebook…</source>
        <translation>重新预约(&amp;R)…</translation>
    </message>
    <message>
        <source>St&amp;aff…</source>
        <translation>安排员工(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Cancel session…</source>
        <translation>取消拍摄阶段(&amp;C)…</translation>
    </message>
    <message>
        <source>Each slot shows places taken / places in it; full slots are red. Drag a session onto another slot to move it.</source>
        <translation>每个时段显示“已约组数 / 可约组数”；约满的时段显示为红色。把拍摄阶段拖到其他时段即可改期。</translation>
    </message>
    <message>
        <source>{kind}: week of {first} – {last}</source>
        <translation>{kind}：{first} – {last} 当周</translation>
    </message>
    <message>
        <source>{kind}: {day}</source>
        <translation>{kind}：{day}</translation>
    </message>
    <message>
        <source>No time yet</source>
        <translation>未定时间</translation>
    </message>
    <message>
        <source>No session in this slot.</source>
        <translation>此时段暂无预约。</translation>
    </message>
    <message>
        <source>Shoot: {when}</source>
        <translation>拍摄：{when}</translation>
    </message>
    <message>
        <source>Selection: {when}</source>
        <translation>选片：{when}</translation>
    </message>
    <message>
        <source>Photographer: {name}   Make-up: {makeup}</source>
        <translation>摄影师：{name}   化妆师：{makeup}</translation>
    </message>
    <message>
        <source>Selection sales: {name}</source>
        <translation>选片销售：{name}</translation>
    </message>
</context>
<context>
    <name>SelectionDialog</name>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Type part of a name, then Enter</source>
        <translation>输入名称的一部分,按回车</translation>
    </message>
    <message>
        <source>Add (Enter)</source>
        <translation>添加 (回车)</translation>
    </message>
    <message>
        <source>Extra</source>
        <translation>加选产品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price each</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Reason for a price typed by hand</source>
        <translation>手动改价原因</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Record selection (Ctrl+Enter)</source>
        <translation>登记选片 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Selection salesperson</source>
        <translation>选片销售</translation>
    </message>
    <message>
        <source>Photos chosen</source>
        <translation>选片张数</translation>
    </message>
    <message>
        <source>Extras (加选)</source>
        <translation>加选</translation>
    </message>
    <message>
        <source>Pickup date</source>
        <translation>取件日期</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Payment now</source>
        <translation>本次收款</translation>
    </message>
    <message>
        <source>Selection day · {number}</source>
        <translation>选片 · {number}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{number}&lt;/b&gt; · {customer} · {phones}&lt;br&gt;{package} · {session} ({state}, shot {shoot}) · balance due {due}</source>
        <translation>&lt;b&gt;{number}&lt;/b&gt; · {customer} · {phones}&lt;br&gt;{package} · {session} ({state},拍摄 {shoot}) · 应收余款 {due}</translation>
    </message>
    <message>
        <source>{name} · {state} · shoot {shoot}</source>
        <translation>{name} · {state} · 拍摄 {shoot}</translation>
    </message>
    <message>
        <source>Package: {items}</source>
        <translation>套系产品:{items}</translation>
    </message>
    <message>
        <source>Extras already bought: {items}</source>
        <translation>已加选:{items}</translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation>(未登记)</translation>
    </message>
    <message>
        <source>no catalogue price</source>
        <translation>无目录价</translation>
    </message>
    <message>
        <source>This order has no session.</source>
        <translation>此订单没有拍摄阶段。</translation>
    </message>
    <message>
        <source>This order is cancelled.</source>
        <translation>此订单已取消。</translation>
    </message>
    <message>
        <source>Its selection cannot be recorded: {why}.</source>
        <translation>无法登记选片:{why}。</translation>
    </message>
    <message>
        <source>“{text}” names {n} products: type more of the name or pick one from the list.</source>
        <translation>“{text}”对应 {n} 个产品:请多输入几个字,或从列表中选择。</translation>
    </message>
    <message>
        <source>No product is called “{text}”.</source>
        <translation>没有名为“{text}”的产品。</translation>
    </message>
    <message>
        <source> (design approval)</source>
        <translation> (需确认设计)</translation>
    </message>
    <message>
        <source>Remove this extra</source>
        <translation>删除此加选</translation>
    </message>
    <message>
        <source>Required: the catalogue price is {price}</source>
        <translation>必填:目录价为 {price}</translation>
    </message>
    <message>
        <source>Required: not sold as an extra in the catalogue</source>
        <translation>必填:目录中此产品不作加选销售</translation>
    </message>
    <message>
        <source>Extras {extras} · due now {due} · paying {paying} · still due {left}</source>
        <translation>加选 {extras} · 应收 {due} · 本次收 {paying} · 尚欠 {left}</translation>
    </message>
    <message>
        <source>Type how many photos the customer chose.</source>
        <translation>请输入客人选了多少张照片。</translation>
    </message>
    <message>
        <source>Type a price for {product}.</source>
        <translation>请为 {product} 输入价格。</translation>
    </message>
    <message>
        <source>A price typed by hand needs a reason.</source>
        <translation>手动改价需要填写原因。</translation>
    </message>
    <message>
        <source>Agree a pickup date with the customer.</source>
        <translation>请与客人约定取件日期。</translation>
    </message>
    <message>
        <source>The pickup date cannot be before today.</source>
        <translation>取件日期不能早于今天。</translation>
    </message>
    <message>
        <source>That is more than is due ({due}).</source>
        <translation>超过应收金额 ({due})。</translation>
    </message>
    <message>
        <source>Amounts are in yuan with at most two decimals.</source>
        <translation>金额以元为单位,最多两位小数。</translation>
    </message>
    <message>
        <source>Please correct the marked fields: {first}</source>
        <translation>请改正标出的栏位:{first}</translation>
    </message>
    <message>
        <source>Record the selection of {session} for {customer}: {photos} photos, {count} extras for {extras}, pickup on {pickup}, and take {amount} ({method}) now?</source>
        <translation>登记 {customer} 的 {session} 选片:{photos} 张,加选 {count} 件共 {extras},{pickup} 取件,现在收款 {amount} ({method})?</translation>
    </message>
    <message>
        <source>Record the selection of {session} for {customer}: {photos} photos, {count} extras for {extras}, pickup on {pickup}, no payment now?</source>
        <translation>登记 {customer} 的 {session} 选片:{photos} 张,加选 {count} 件共 {extras},{pickup} 取件,本次不收款?</translation>
    </message>
    <message>
        <source>Confirm the selection</source>
        <translation>确认选片</translation>
    </message>
    <message>
        <source>Record it</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Back to the form</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <source>Selection recorded</source>
        <translation>选片已登记</translation>
    </message>
    <message>
        <source>Selection recorded: {n} new items ({codes}). Print their labels now?</source>
        <translation>选片已登记:新增 {n} 件产品 ({codes})。现在打印标签吗?</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>A4 sheet</source>
        <translation>A4 标签纸</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>SendOutPage</name>
    <message>
        <source>Scan or type an item code, then Enter</source>
        <translation>扫描或输入客件条码，再按 Enter</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Lab price</source>
        <translation>厂商价</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Close and send (Ctrl+Enter)</source>
        <translation>关闭并发件 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Remove line (Del)</source>
        <translation>删除此行 (Del)</translation>
    </message>
    <message>
        <source>Discard shipment</source>
        <translation>作废发件单</translation>
    </message>
    <message>
        <source>Add ticked items (Ctrl+T)</source>
        <translation>加入已勾选 (Ctrl+T)</translation>
    </message>
    <message>
        <source>Print list (Ctrl+P)</source>
        <translation>打印发件单 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save list as PDF (Ctrl+S)</source>
        <translation>发件单存为 PDF (Ctrl+S)</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>无价格</translation>
    </message>
    <message>
        <source>No shipment open: the first scan starts one.</source>
        <translation>当前没有打开的发件单：扫描第一件时自动新建。</translation>
    </message>
    <message>
        <source>Shipment No. {number} (opened {time}): {count} items, lab price {total}</source>
        <translation>{number} 号发件单 ({time} 新建)：{count} 件，厂商价合计 {total}</translation>
    </message>
    <message>
        <source>({count} without a price)</source>
        <translation>(其中 {count} 件无价格)</translation>
    </message>
    <message>
        <source>Waiting for this lab: {n} (tick with Space or a click)</source>
        <translation>此厂商待发件：{n} 件 (按空格或单击勾选)</translation>
    </message>
    <message>
        <source>Switch to {lab}</source>
        <translation>切换到 {lab}</translation>
    </message>
    <message>
        <source>Tick items in the list below first (Space or a click).</source>
        <translation>请先在下方列表中勾选客件 (空格或单击)。</translation>
    </message>
    <message>
        <source>{added} added.</source>
        <translation>已加入 {added} 件。</translation>
    </message>
    <message>
        <source>Not added: {list}</source>
        <translation>未加入：{list}</translation>
    </message>
    <message>
        <source>{code} taken off the shipment.</source>
        <translation>{code} 已从发件单移除。</translation>
    </message>
    <message>
        <source>Throw away shipment No. {number} with its {count} items? Nothing was sent; the items stay waiting.</source>
        <translation>作废 {number} 号发件单及其中 {count} 件客件？这些客件尚未发出，仍为待发件。</translation>
    </message>
    <message>
        <source>Shipment No. {number} discarded.</source>
        <translation>{number} 号发件单已作废。</translation>
    </message>
    <message>
        <source>Nothing to send yet: scan items first.</source>
        <translation>还没有要发件的客件：请先扫描。</translation>
    </message>
    <message>
        <source>Send shipment No. {number} to {lab}: {count} items, lab price {total}?</source>
        <translation>将 {number} 号发件单发往 {lab}：{count} 件，厂商价合计 {total}？</translation>
    </message>
    <message>
        <source>Not sent, taken off the shipment:</source>
        <translation>以下客件未发出，已从发件单移除：</translation>
    </message>
    <message>
        <source>Shipment No. {number} sent: {count} items, lab price {total}. Ctrl+P prints the list, Ctrl+S saves it as PDF.</source>
        <translation>{number} 号发件单已发件：{count} 件，厂商价合计 {total}。按 Ctrl+P 打印发件单，Ctrl+S 存为 PDF。</translation>
    </message>
    <message>
        <source>Save the shipment list as PDF</source>
        <translation>将发件单存为 PDF</translation>
    </message>
    <message>
        <source>The PDF could not be written: {error}</source>
        <translation>无法写入 PDF：{error}</translation>
    </message>
</context>
<context>
    <name>SerialScanner</name>
    <message>
        <source>Scanner connected ({port})</source>
        <translation>扫描枪已连接（{port}）</translation>
    </message>
    <message>
        <source>Scanner not connected ({port}): plug it in; it is found again by itself</source>
        <translation>扫描枪未连接（{port}）：请插上，插上后会自动重新连接</translation>
    </message>
    <message>
        <source>A broken scan was ignored; scan again</source>
        <translation>已忽略一次不完整的扫描，请重新扫描</translation>
    </message>
    <message>
        <source>Unreadable scanner data was ignored; scan again</source>
        <translation>已忽略无法识别的扫描数据，请重新扫描</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>No-show</source>
        <translation>未到店</translation>
    </message>
    <message>
        <source>{customer} did not come for {session}? The place is freed; rebook the session when they call.</source>
        <translation>{customer} 未到店拍摄 {session}？该时段名额将释放；客人来电时再重新预约。</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>Shoot</source>
        <translation>拍摄</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选片</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>取件</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Move &amp;shoot…</source>
        <translation>拍摄改期(&amp;S)…</translation>
    </message>
    <message>
        <source>Move se&amp;lection…</source>
        <translation>选片改期(&amp;L)…</translation>
    </message>
    <message>
        <source>S&amp;hot</source>
        <translation>已拍(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;No-show</source>
        <translation>未到店(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Rebook…</source>
        <translation>重新预约(&amp;R)…</translation>
    </message>
    <message>
        <source>S&amp;taff…</source>
        <translation>安排员工(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Cancel session…</source>
        <translation>取消拍摄阶段(&amp;C)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Session {session} of order {number}</source>
        <translation>订单 {number} 的拍摄阶段 {session}</translation>
    </message>
    <message>
        <source>order cancelled</source>
        <translation>订单已取消</translation>
    </message>
    <message>
        <source>not set yet</source>
        <translation>尚未安排</translation>
    </message>
    <message>
        <source>Set &amp;shoot date…</source>
        <translation>设定拍摄日期(&amp;S)…</translation>
    </message>
    <message>
        <source>Set se&amp;lection date…</source>
        <translation>设定选片日期(&amp;L)…</translation>
    </message>
</context>
<context>
    <name>SlotCombo</name>
    <message>
        <source>no time yet</source>
        <translation>暂不定时间</translation>
    </message>
    <message>
        <source>{n} free</source>
        <translation>余 {n} 组</translation>
    </message>
    <message>
        <source>full</source>
        <translation>已满</translation>
    </message>
</context>
<context>
    <name>StaffAssignDialog</name>
    <message>
        <source>Staff of {session} ({customer})</source>
        <translation>{session} 的人员安排 ({customer})</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Wrong tries</source>
        <translation>输错次数</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Issue new &amp;badge</source>
        <translation>发新工牌(&amp;B)</translation>
    </message>
    <message>
        <source>Save &amp;positions</source>
        <translation>保存岗位(&amp;P)</translation>
    </message>
    <message>
        <source>Positions of the selected staff member</source>
        <translation>所选员工的岗位</translation>
    </message>
    <message>
        <source>Issue new badge</source>
        <translation>发新工牌</translation>
    </message>
    <message>
        <source>{name}&apos;s old badge stops working at once. Issue a new one?</source>
        <translation>{name} 的旧工牌将立即失效。要发新工牌吗？</translation>
    </message>
    <message>
        <source>New badge</source>
        <translation>新工牌</translation>
    </message>
    <message>
        <source>The new badge of {name} is:

{code}

Print it as a Code 128 barcode (or write it on the card); it works from now on, the old one no longer.</source>
        <translation>{name} 的新工牌是：

{code}

请打印成 Code 128 条码（或写在卡上）；新工牌即刻生效，旧工牌不再可用。</translation>
    </message>
</context>
<context>
    <name>StaffScoresPage</name>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答数</translation>
    </message>
    <message>
        <source>Average (1-5)</source>
        <translation>平均分（1-5）</translation>
    </message>
    <message>
        <source>Averages of the follow-up answers to questions that score a position, counted for the staff member who held it on the order (photographer, make-up and selection on the session; counter: who booked it).</source>
        <translation>为岗位评分的回访问题的平均分，计入订单上担任该岗位的员工（摄影师、化妆师和选片销售按拍摄阶段计；门市前台：开单的员工）。</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
</context>
<context>
    <name>StationExitDialog</name>
    <message>
        <source>Leave station mode</source>
        <translation>退出取件台模式</translation>
    </message>
    <message>
        <source>Only a manager leaves the pickup station mode: name and PIN.</source>
        <translation>只有店长可以退出取件台模式：请输入姓名和 PIN 码。</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
</context>
<context>
    <name>SurveyPage</name>
    <message>
        <source>Save the answers</source>
        <translation>保存答案</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>This customer&apos;s data was erased on request.</source>
        <translation>此顾客的资料已应其要求删除。</translation>
    </message>
    <message>
        <source>The customer has not consented to the survey: record their consent on the Privacy page first. Answers are kept only with consent.</source>
        <translation>顾客尚未同意资料调查：请先在“隐私”页登记其同意。答案只在顾客同意后保存。</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>请更正标红的栏目。</translation>
    </message>
</context>
<context>
    <name>TierRulesDialog</name>
    <message>
        <source>Customer tiers: weights and thresholds</source>
        <translation>客户层级：权重与分数线</translation>
    </message>
    <message>
        <source>Points per ¥1,000 paid</source>
        <translation>每实付 ¥1,000 得分</translation>
    </message>
    <message>
        <source>Points per order</source>
        <translation>每个订单得分</translation>
    </message>
    <message>
        <source>Points per customer referred</source>
        <translation>每介绍一位顾客得分</translation>
    </message>
    <message>
        <source>Points per satisfaction point above 3</source>
        <translation>满意度高于 3 分时每高 1 分得分</translation>
    </message>
    <message>
        <source>Points taken off per complaint</source>
        <translation>每次客诉扣分</translation>
    </message>
    <message>
        <source>Most valuable from score</source>
        <translation>最有价值：最低得分</translation>
    </message>
    <message>
        <source>Growth from score</source>
        <translation>最具增长性：最低得分</translation>
    </message>
    <message>
        <source>Low contribution from score (below: negative value)</source>
        <translation>低贡献：最低得分（低于此分为负值客户）</translation>
    </message>
</context>
<context>
    <name>TiersPage</name>
    <message>
        <source>&amp;Recompute tiers</source>
        <translation>重新计算层级(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Weights and thresholds…</source>
        <translation>权重与分数线(&amp;W)…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Net paid</source>
        <translation>实付净额</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Computing the customer tiers…</source>
        <translation>正在计算客户层级…</translation>
    </message>
    <message>
        <source>Score = {spend} × net paid in ¥1,000s + {orders} × orders + {referrals} × customers referred + {satisfaction} × (average satisfaction − 3) − {complaints} × complaints. Most valuable from {top}, growth from {growth}, low contribution from {low}, negative value below. Customers without an order have no tier.</source>
        <translation>得分 = {spend} × 实付净额（以 ¥1,000 计）+ {orders} × 订单数 + {referrals} × 介绍顾客数 + {satisfaction} × （平均满意度 − 3）− {complaints} × 客诉数。{top} 分及以上为最有价值，{growth} 分及以上为最具增长性，{low} 分及以上为低贡献，低于此为负值客户。没有订单的顾客不分层级。</translation>
    </message>
</context>
<context>
    <name>TimeSlotsDialog</name>
    <message>
        <source>Time slots</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>For</source>
        <translation>用于</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Sessions at once</source>
        <translation>同时可拍组数</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>开放</translation>
    </message>
    <message>
        <source>&amp;Add a slot</source>
        <translation>添加时段(&amp;A)</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A slot no longer offered keeps the sessions already in it; a lower number only stops new bookings.</source>
        <translation>停止开放的时段仍保留已约的拍摄阶段；调低组数只会停止新的预约。</translation>
    </message>
</context>
<context>
    <name>TodayTab</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>短信待发</translation>
    </message>
    <message>
        <source>Toda&amp;y</source>
        <translation>今日(&amp;Y)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Shoots</source>
        <translation>拍摄</translation>
    </message>
    <message>
        <source>Selections</source>
        <translation>选片</translation>
    </message>
    <message>
        <source>Pickups promised today</source>
        <translation>今日约定取件</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>For</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>完成(&amp;D)</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>跳过(&amp;K)</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>Reminders due (overdue ones stay until handled)</source>
        <translation>待办提醒（已超期的提醒会一直保留到处理为止）</translation>
    </message>
    <message>
        <source>Morning meeting</source>
        <translation>早会</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>营业额</translation>
    </message>
    <message>
        <source>Extras</source>
        <translation>二消</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>取件</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>客诉</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨日</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>{outcome} by {staff} at {time}</source>
        <translation>{staff} 于 {time} {outcome}</translation>
    </message>
    <message>
        <source>{n} · {money}</source>
        <translation>{n} 件 · {money}</translation>
    </message>
    <message>
        <source>Today, {day}</source>
        <translation>今日：{day}</translation>
    </message>
    <message>
        <source>Choose a reminder first.</source>
        <translation>请先选择一条提醒。</translation>
    </message>
    <message>
        <source>A follow-up call is recorded in its call dialog (Complaints tab).</source>
        <translation>回访请在回访窗口中登记（“客诉”页）。</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>&amp;Copy text (for WeChat)</source>
        <translation>复制内容（发微信用）(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Mark sent</source>
        <translation>标记已发送(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Export SMS to CSV…</source>
        <translation>导出短信到 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Mark the exported messages sent</source>
        <translation>导出的短信标记为已发送</translation>
    </message>
    <message>
        <source>WeChat messages: copy the text and paste it into WeChat, then mark it sent. SMS messages: export them for the studio&apos;s SMS platform. Marketing messages are listed only for customers who consent.</source>
        <translation>微信消息：复制内容，粘贴到微信里发送，然后标记为已发送。短信：导出后交给本店的短信平台发送。营销信息只列出已同意接收的顾客。</translation>
    </message>
    <message>
        <source>Outbox ({n})</source>
        <translation>短信待发（{n}）</translation>
    </message>
    <message>
        <source>Choose a message first.</source>
        <translation>请先选择一条消息。</translation>
    </message>
    <message>
        <source>Copied: paste it into WeChat for {customer}, then mark it sent.</source>
        <translation>已复制：请粘贴到微信发给 {customer}，然后标记为已发送。</translation>
    </message>
    <message>
        <source>{n} message(s) marked sent.</source>
        <translation>已将 {n} 条消息标记为已发送。</translation>
    </message>
    <message>
        <source>Export the SMS messages</source>
        <translation>导出短信</translation>
    </message>
    <message>
        <source>SMS {day}.csv</source>
        <translation>短信 {day}.csv</translation>
    </message>
    <message>
        <source>{n} message(s) written to {path} and marked sent.</source>
        <translation>已将 {n} 条短信写入 {path}，并标记为已发送。</translation>
    </message>
    <message>
        <source>{n} message(s) written to {path}.</source>
        <translation>已将 {n} 条短信写入 {path}。</translation>
    </message>
</context>
<context>
    <name>TrackingTab</name>
    <message>
        <source>Receive &amp;&amp; check</source>
        <translation>回件 &amp;&amp; 理件</translation>
    </message>
    <message>
        <source>Send out</source>
        <translation>发件</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Rework statistics</source>
        <translation>返工统计</translation>
    </message>
    <message>
        <source>Import scanner file…</source>
        <translation>导入扫描枪文件…</translation>
    </message>
    <message>
        <source>Codes a memory scanner collected away from the PC, one per line</source>
        <translation>存储式扫描枪离线采集的条码，每行一个</translation>
    </message>
    <message>
        <source>Item tracking ({n} overdue)</source>
        <translation>制作跟踪 ({n} 件超期)</translation>
    </message>
    <message>
        <source>Item tracking</source>
        <translation>制作跟踪</translation>
    </message>
    <message>
        <source>Overdue at labs: {n}</source>
        <translation>厂商超期：{n} 件</translation>
    </message>
    <message>
        <source>Overdue items</source>
        <translation>超期客件</translation>
    </message>
    <message>
        <source>{n} items are past their expected return date at the labs. Call the labs about them.</source>
        <translation>有 {n} 件客件已过厂商预计回件日期，请致电厂商催件。</translation>
    </message>
    <message>
        <source>Open the overdue board</source>
        <translation>打开超期看板</translation>
    </message>
</context>
<context>
    <name>WedgeScanner</name>
    <message>
        <source>Scanner: keyboard (USB)</source>
        <translation>扫描枪：键盘模式（USB）</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to StudioDesk</source>
        <translation>欢迎使用 StudioDesk</translation>
    </message>
    <message>
        <source>Change database</source>
        <translation>更换数据库</translation>
    </message>
    <message>
        <source>Where does this PC keep the studio&apos;s orders, customers and items? Choose one; StudioDesk opens it at every start from now on (Settings → Change database… changes it).</source>
        <translation>本机把影楼的订单、顾客和客件保存在哪里？请选择一项；今后 StudioDesk 每次启动都会打开它（可在“设置 → 更换数据库…”中更改）。</translation>
    </message>
    <message>
        <source>Choose the database this PC opens. The change takes effect the next time StudioDesk starts.</source>
        <translation>请选择本机要打开的数据库。更改将在下次启动 StudioDesk 时生效。</translation>
    </message>
    <message>
        <source>&amp;New studio on this PC</source>
        <translation>在本机新建影楼(&amp;N)</translation>
    </message>
    <message>
        <source>Open the &amp;demo studio (made-up data to try things out)</source>
        <translation>打开示范影楼（虚构数据，供试用）(&amp;D)</translation>
    </message>
    <message>
        <source>Connect to a &amp;shared PostgreSQL database (several PCs)</source>
        <translation>连接共享的 PostgreSQL 数据库（多台电脑共用）(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>The studio&apos;s database file is kept in this folder, its backups in a folder beside it. A folder that holds a studio already opens that studio.</source>
        <translation>影楼的数据库文件保存在此文件夹中，备份保存在它旁边的文件夹里。如果所选文件夹中已有影楼，则直接打开该影楼。</translation>
    </message>
    <message>
        <source>Studio name</source>
        <translation>影楼名称</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>The demo studio holds two years of made-up orders, customers and items. It is built the first time it is opened (about a quarter of a minute), in {folder}.</source>
        <translation>示范影楼包含两年的虚构订单、顾客和客件。首次打开时会在 {folder} 中创建（约需 15 秒）。</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Folder for the new studio</source>
        <translation>新影楼的文件夹</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>the user</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Fill in {fields}.</source>
        <translation>请填写{fields}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>正在连接 {server}…</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <source>The new studio needs a name.</source>
        <translation>请为新影楼填写名称。</translation>
    </message>
</context>
<context>
    <name>acts</name>
    <message>
        <source>Lab changed</source>
        <translation>修改厂商</translation>
    </message>
    <message>
        <source>Package changed</source>
        <translation>修改套系</translation>
    </message>
    <message>
        <source>Product changed</source>
        <translation>修改产品</translation>
    </message>
    <message>
        <source>List entry restored</source>
        <translation>恢复列表项</translation>
    </message>
    <message>
        <source>List entry added</source>
        <translation>新增列表项</translation>
    </message>
    <message>
        <source>List entry retired</source>
        <translation>停用列表项</translation>
    </message>
    <message>
        <source>List entry renamed</source>
        <translation>重命名列表项</translation>
    </message>
    <message>
        <source>Database restored from a backup</source>
        <translation>从备份恢复数据库</translation>
    </message>
    <message>
        <source>Design changes asked</source>
        <translation>客人要求修改设计</translation>
    </message>
    <message>
        <source>Audit log exported</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <source>Customers exported</source>
        <translation>导出顾客资料</translation>
    </message>
    <message>
        <source>Lab month exported (对账)</source>
        <translation>导出厂商月结对账表</translation>
    </message>
    <message>
        <source>Monthly workbook exported</source>
        <translation>导出月度报表</translation>
    </message>
    <message>
        <source>Follow-up call made</source>
        <translation>完成回访</translation>
    </message>
    <message>
        <source>Follow-up call not reached</source>
        <translation>回访未联系上</translation>
    </message>
    <message>
        <source>Follow-up given up</source>
        <translation>放弃回访</translation>
    </message>
    <message>
        <source>Follow-up question added</source>
        <translation>新增回访问题</translation>
    </message>
    <message>
        <source>Follow-up question changed</source>
        <translation>修改回访问题</translation>
    </message>
    <message>
        <source>Follow-up question moved</source>
        <translation>调整回访问题顺序</translation>
    </message>
    <message>
        <source>Item cancelled</source>
        <translation>取消客件</translation>
    </message>
    <message>
        <source>Lab statement columns saved</source>
        <translation>保存厂商对账单的列设置</translation>
    </message>
    <message>
        <source>Shipment discarded</source>
        <translation>作废发件单</translation>
    </message>
    <message>
        <source>Order cancelled</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Discount given</source>
        <translation>给予优惠</translation>
    </message>
    <message>
        <source>Discount approved by a manager</source>
        <translation>店长批准优惠</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Pickup with a balance due</source>
        <translation>欠款取件</translation>
    </message>
    <message>
        <source>Extra sold at a price typed by hand</source>
        <translation>加选手动改价</translation>
    </message>
    <message>
        <source>Session cancelled</source>
        <translation>取消拍摄</translation>
    </message>
    <message>
        <source>No-show rebooked</source>
        <translation>未到店重新预约</translation>
    </message>
    <message>
        <source>Session moved</source>
        <translation>拍摄阶段改期</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>Message template saved</source>
        <translation>保存短信模板</translation>
    </message>
    <message>
        <source>Reminder rule saved</source>
        <translation>保存提醒规则</translation>
    </message>
    <message>
        <source>Reminder handled</source>
        <translation>处理提醒</translation>
    </message>
    <message>
        <source>Messages marked sent</source>
        <translation>标记消息已发送</translation>
    </message>
    <message>
        <source>Messages exported</source>
        <translation>导出短信</translation>
    </message>
    <message>
        <source>Settings exported</source>
        <translation>导出设置</translation>
    </message>
    <message>
        <source>Settings imported</source>
        <translation>导入设置</translation>
    </message>
    <message>
        <source>Time slot added</source>
        <translation>添加时段</translation>
    </message>
    <message>
        <source>Time slot changed</source>
        <translation>修改时段</translation>
    </message>
    <message>
        <source>Discount limits changed</source>
        <translation>修改优惠上限</translation>
    </message>
    <message>
        <source>Staff member added</source>
        <translation>新增员工</translation>
    </message>
    <message>
        <source>Badge issued</source>
        <translation>发放工牌</translation>
    </message>
    <message>
        <source>Account unlocked</source>
        <translation>解锁账号</translation>
    </message>
    <message>
        <source>Positions changed</source>
        <translation>修改岗位</translation>
    </message>
    <message>
        <source>Customer consent changed</source>
        <translation>更改顾客同意情况</translation>
    </message>
    <message>
        <source>Customer&apos;s data exported for them</source>
        <translation>应顾客要求导出其资料</translation>
    </message>
    <message>
        <source>Customer&apos;s data erased on request</source>
        <translation>应顾客要求删除其个人信息</translation>
    </message>
    <message>
        <source>Survey answers changed</source>
        <translation>更改调查答案</translation>
    </message>
    <message>
        <source>Survey question saved</source>
        <translation>保存调查问题</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign-in refused</source>
        <translation>登录被拒</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账号锁定</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Staff switched</source>
        <translation>切换员工</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>套系</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Time slot</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>List entry</source>
        <translation>列表项</translation>
    </message>
    <message>
        <source>Survey question</source>
        <translation>调查问题</translation>
    </message>
    <message>
        <source>Follow-up call</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Follow-up question</source>
        <translation>回访问题</translation>
    </message>
    <message>
        <source>Studio name</source>
        <translation>影楼名称</translation>
    </message>
    <message>
        <source>Discount limits</source>
        <translation>优惠上限</translation>
    </message>
    <message>
        <source>Customer tier weights and thresholds</source>
        <translation>客户层级权重与分数线</translation>
    </message>
</context>
<context>
    <name>approval</name>
    <message>
        <source>In store</source>
        <translation>到店确认</translation>
    </message>
    <message>
        <source>Photo sent by WeChat</source>
        <translation>微信发图确认</translation>
    </message>
</context>
<context>
    <name>bugs</name>
    <message>
        <source>Sorry, StudioDesk met something it did not expect. What was saved before stays saved; the last action may not have been saved. Please check it, and tell whoever looks after StudioDesk. Details are in the log: {log}</source>
        <translation>抱歉，StudioDesk 遇到了意料之外的问题。之前保存的数据都还在；刚才这一步可能没有保存，请核对一下，并告诉负责维护 StudioDesk 的人。详细情况记录在日志里：{log}</translation>
    </message>
    <message>
        <source>A crash report was saved as {file}; send it to whoever looks after StudioDesk (Copy details puts it on the clipboard).</source>
        <translation>崩溃报告已保存为 {file}；请把它发给负责维护 StudioDesk 的人（点“复制详情”可将其复制到剪贴板）。</translation>
    </message>
    <message>
        <source>The crash report could not be saved ({error}); press Copy details and paste it into a message to whoever looks after StudioDesk.</source>
        <translation>崩溃报告无法保存（{error}）；请点“复制详情”，再粘贴到消息里发给负责维护 StudioDesk 的人。</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>category</name>
    <message>
        <source>Album</source>
        <translation>相册</translation>
    </message>
    <message>
        <source>Enlargement</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>摆台/相框</translation>
    </message>
    <message>
        <source>Digital</source>
        <translation>数码</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>channel</name>
    <message>
        <source>Natural (came by themselves)</source>
        <translation>自然进店</translation>
    </message>
    <message>
        <source>Marketing campaign</source>
        <translation>市场活动</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>转介绍</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>路过进店</translation>
    </message>
    <message>
        <source>Third-party platform</source>
        <translation>第三方平台</translation>
    </message>
</context>
<context>
    <name>common</name>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>complaint</name>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>轻微</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>到店</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>线上</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认受理</translation>
    </message>
    <message>
        <source>Apologize</source>
        <translation>致歉</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>补救</translation>
    </message>
    <message>
        <source>Anticipate</source>
        <translation>预防</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>The lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>The studio</source>
        <translation>本店</translation>
    </message>
    <message>
        <source>The customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Step done</source>
        <translation>步骤完成</translation>
    </message>
    <message>
        <source>Items sent to rework</source>
        <translation>客件已返工</translation>
    </message>
    <message>
        <source>Follow-up call scheduled</source>
        <translation>已安排回访</translation>
    </message>
    <message>
        <source>Follow-up call</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>已重开</translation>
    </message>
</context>
<context>
    <name>complaints</name>
    <message>
        <source>Dear {customer},

Thank you for telling us on {received} about what went wrong with your order {order}: {description}

We are sincerely sorry. It should not have happened, and we take it seriously. To make it right: {amend}

We have also changed how we work so that it does not happen again. If anything is still not as it should be, please call us; we will put it right.

With our apologies,
{staff}
{studio}
{date}</source>
        <translation>尊敬的{customer}：

感谢您在 {received} 告诉我们订单 {order} 出现的问题：{description}

我们深表歉意。这本不应发生，我们非常重视。我们的补救措施：{amend}

我们也已改进工作流程，避免再次发生。如仍有任何不妥之处，请致电我们，我们一定妥善处理。

再次向您致歉！
{staff}
{studio}
{date}</translation>
    </message>
    <message>
        <source>Letter of apology</source>
        <translation>致歉信</translation>
    </message>
</context>
<context>
    <name>design</name>
    <message>
        <source>No approval needed</source>
        <translation>无需确认</translation>
    </message>
    <message>
        <source>Designing</source>
        <translation>设计中</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>待客户确认</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已确认</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>package</source>
        <translation>套系</translation>
    </message>
    <message>
        <source>The {what} needs a name.</source>
        <translation>请填写{what}名称。</translation>
    </message>
    <message>
        <source>There is already a product called {name}.</source>
        <translation>已有名为 {name} 的产品。</translation>
    </message>
    <message>
        <source>Lab {id} does not exist.</source>
        <translation>厂商 {id} 不存在。</translation>
    </message>
    <message>
        <source>Product {id} does not exist.</source>
        <translation>产品 {id} 不存在。</translation>
    </message>
    <message>
        <source>Turnaround is 0 to 365 days.</source>
        <translation>制作周期为 0 至 365 天。</translation>
    </message>
    <message>
        <source>There is already a lab called {name}.</source>
        <translation>已有名为 {name} 的厂商。</translation>
    </message>
    <message>
        <source>A package plans at least one session.</source>
        <translation>套系至少要有一个拍摄阶段。</translation>
    </message>
    <message>
        <source>A single package has exactly one session; a growth package has several.</source>
        <translation>单次套系只有一个拍摄阶段；成长套有多个阶段。</translation>
    </message>
    <message>
        <source>A price cannot be negative.</source>
        <translation>价格不能为负数。</translation>
    </message>
    <message>
        <source>There is already a package called {name}.</source>
        <translation>已有名为 {name} 的套系。</translation>
    </message>
    <message>
        <source>Package {id} does not exist.</source>
        <translation>套系 {id} 不存在。</translation>
    </message>
    <message>
        <source>Lab prices cannot be negative and turnaround is 0 to 365 days.</source>
        <translation>厂商价格不能为负数，制作周期为 0 至 365 天。</translation>
    </message>
    <message>
        <source>Each line needs a quantity of at least 1 and one of the package&apos;s sessions.</source>
        <translation>每个产品行的数量至少为 1，并须属于套系中的某个拍摄阶段。</translation>
    </message>
    <message>
        <source>{code} is not a StudioDesk order number or item code.</source>
        <translation>{code} 不是 StudioDesk 的订单号或客件条码。</translation>
    </message>
    <message>
        <source>Order sequence {seq} is out of range 1-9999 for this month.</source>
        <translation>本月订单序号 {seq} 超出 1-9999 的范围。</translation>
    </message>
    <message>
        <source>An order holds at most 99 items; item {seq} cannot be added.</source>
        <translation>一个订单最多 99 件客件，无法添加第 {seq} 件。</translation>
    </message>
    <message>
        <source>Nothing was scanned or typed.</source>
        <translation>没有扫描或输入任何内容。</translation>
    </message>
    <message>
        <source>{code} is incomplete: an item code looks like 2611-0042-03-7.</source>
        <translation>{code} 不完整：客件条码形如 2611-0042-03-7。</translation>
    </message>
    <message>
        <source>{code} is not a StudioDesk code.</source>
        <translation>{code} 不是 StudioDesk 条码。</translation>
    </message>
    <message>
        <source>{code} has a wrong check character: it was mistyped or misread. Scan it again.</source>
        <translation>{code} 的校验位不对：输入或扫描有误，请重新扫描。</translation>
    </message>
    <message>
        <source>The phone number is empty.</source>
        <translation>电话号码为空。</translation>
    </message>
    <message>
        <source>{phone} is not a phone number: only digits, spaces, +, - and brackets.</source>
        <translation>{phone} 不是电话号码：只能包含数字、空格、+、- 和括号。</translation>
    </message>
    <message>
        <source>{phone} has too few or too many digits for a phone number.</source>
        <translation>{phone} 的位数不像电话号码。</translation>
    </message>
    <message>
        <source>A customer needs a name.</source>
        <translation>请填写顾客姓名。</translation>
    </message>
    <message>
        <source>The referrer (customer {id}) does not exist.</source>
        <translation>介绍人（顾客 {id}）不存在。</translation>
    </message>
    <message>
        <source>Customer {id} does not exist.</source>
        <translation>顾客 {id} 不存在。</translation>
    </message>
    <message>
        <source>A customer cannot be their own referrer.</source>
        <translation>顾客不能是自己的介绍人。</translation>
    </message>
    <message>
        <source>{phone} is not a phone number.</source>
        <translation>{phone} 不是电话号码。</translation>
    </message>
    <message>
        <source>Backups are made of SQLite files; for PostgreSQL use pg_dump.</source>
        <translation>备份仅适用于 SQLite 文件；PostgreSQL 请使用 pg_dump。</translation>
    </message>
    <message>
        <source>There is no database file at {path}.</source>
        <translation>{path} 处没有数据库文件。</translation>
    </message>
    <message>
        <source>The backup copy failed its check ({problem}); nothing was changed.</source>
        <translation>备份副本校验失败（{problem}）；未做任何更改。</translation>
    </message>
    <message>
        <source>Restore works on SQLite files; for PostgreSQL use pg_restore.</source>
        <translation>恢复仅适用于 SQLite 文件；PostgreSQL 请使用 pg_restore。</translation>
    </message>
    <message>
        <source>Not restored: {problem}. The database was not touched.</source>
        <translation>未恢复：{problem}。数据库没有被改动。</translation>
    </message>
    <message>
        <source>This database was written by a newer StudioDesk (schema {rev}). Install the newer StudioDesk to open it; nothing was changed.</source>
        <translation>此数据库由更新版本的 StudioDesk 写入（结构版本 {rev}）。请安装新版 StudioDesk 后再打开；未做任何更改。</translation>
    </message>
    <message>
        <source>{value} is not a valid {what}.</source>
        <translation>{value} 不是有效的{what}。</translation>
    </message>
    <message>
        <source>waiting to be made</source>
        <translation>待制作</translation>
    </message>
    <message>
        <source>at the lab</source>
        <translation>在厂商制作中</translation>
    </message>
    <message>
        <source>back from the lab, not yet checked</source>
        <translation>已回件，尚未理件</translation>
    </message>
    <message>
        <source>waiting to go back to the lab for rework</source>
        <translation>等待返厂返工</translation>
    </message>
    <message>
        <source>ready for pickup</source>
        <translation>待取件</translation>
    </message>
    <message>
        <source>already picked up</source>
        <translation>已被取走</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待制作</translation>
    </message>
    <message>
        <source>sent to a lab</source>
        <translation>发件</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>回件</translation>
    </message>
    <message>
        <source>sent to rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>待取件</translation>
    </message>
    <message>
        <source>picked up</source>
        <translation>取件</translation>
    </message>
    <message>
        <source>{code} is an order number; scan an item label.</source>
        <translation>{code} 是订单号；请扫描客件标签。</translation>
    </message>
    <message>
        <source>No item has the code {code}.</source>
        <translation>没有条码为 {code} 的客件。</translation>
    </message>
    <message>
        <source>{code} is {state}; it cannot be marked {target}. Nothing changed.</source>
        <translation>{code} {state}，不能标记为{target}。未做任何更改。</translation>
    </message>
    <message>
        <source>Rework needs a reason.</source>
        <translation>返工需要填写原因。</translation>
    </message>
    <message>
        <source>Cancelling needs a reason.</source>
        <translation>取消需要填写原因。</translation>
    </message>
    <message>
        <source>Choose the lab {code} goes to.</source>
        <translation>请选择 {code} 要发往的厂商。</translation>
    </message>
    <message>
        <source>{code} is {state} and is made by a lab: send it out before marking it ready. Nothing changed.</source>
        <translation>{code} {state}，且由厂商制作：请先发件再标记为待取件。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} was changed at another station just now; scan it again.</source>
        <translation>{code} 刚被其他工作站修改；请重新扫描。</translation>
    </message>
    <message>
        <source>Order {order} still owes ¥{due}; take the balance first, or a manager overrides with a reason. Nothing changed.</source>
        <translation>订单 {order} 还欠 ¥{due}；请先收取尾款，或由店长填写原因后放行。未做任何更改。</translation>
    </message>
    <message>
        <source>No order has the number {number}.</source>
        <translation>没有单号为 {number} 的订单。</translation>
    </message>
    <message>
        <source>marked as sent to the customer</source>
        <translation>标记为已发给客人</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>sent back for changes</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Tick the items first.</source>
        <translation>请先勾选产品。</translation>
    </message>
    <message>
        <source>These items belong to different orders: record one customer&apos;s approval at a time. Nothing changed.</source>
        <translation>这些产品属于不同订单:请一次登记一位客人的确认。未做任何更改。</translation>
    </message>
    <message>
        <source>Order {order} is cancelled; its designs need no approval. Nothing changed.</source>
        <translation>订单 {order} 已取消,设计无需确认。未做任何更改。</translation>
    </message>
    <message>
        <source>{code}&apos;s design needs no approval; it cannot be {act}. Nothing changed.</source>
        <translation>{code} 的设计无需确认,不能{act}。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} is cancelled; it cannot be {act}. Nothing changed.</source>
        <translation>{code} 已取消,不能{act}。未做任何更改。</translation>
    </message>
    <message>
        <source>{code}&apos;s design is {design}; it cannot be {act}. Nothing changed.</source>
        <translation>{code} 的设计{design},不能{act}。未做任何更改。</translation>
    </message>
    <message>
        <source>Say what the customer wants changed.</source>
        <translation>请写明客人要求修改的内容。</translation>
    </message>
    <message>
        <source>Another station changed these items just now; nothing was saved. Try again.</source>
        <translation>另一台电脑刚刚修改了这些产品;未保存任何内容。请重试。</translation>
    </message>
    <message>
        <source>Order {order}: {codes} wait for the customer&apos;s approval.</source>
        <translation>订单 {order}:{codes} 等待客人确认。</translation>
    </message>
    <message>
        <source>Order {order}: {codes} approved; they may go to the lab.</source>
        <translation>订单 {order}:{codes} 已确认,可以发厂。</translation>
    </message>
    <message>
        <source>Order {order}: {codes} go back to the designer.</source>
        <translation>订单 {order}:{codes} 退回设计修改。</translation>
    </message>
    <message>
        <source>{code} is {state}: its approved design is already made. Send it to rework instead. Nothing changed.</source>
        <translation>{code} {state}:已确认的设计已在制作。请改为返工。未做任何更改。</translation>
    </message>
    <message>
        <source>The end date {until} is before the start date {since}.</source>
        <translation>结束日期 {until} 早于开始日期 {since}。</translation>
    </message>
    <message>
        <source>{path} could not be written ({error}); nothing was exported.</source>
        <translation>无法写入 {path}（{error}）；未导出任何内容。</translation>
    </message>
    <message>
        <source>complaint category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <source>in store</source>
        <translation>到店</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>{changes} (approved {time} via {via} before)</source>
        <translation>{changes}（此前已于 {time} 经{via}确认）</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>Give the backup folder&apos;s full path (for example E:\StudioDesk backups); {folder} is not one.</source>
        <translation>请填写备份文件夹的完整路径（例如 E:\StudioDesk 备份）；{folder} 不是完整路径。</translation>
    </message>
    <message>
        <source>The backup folder {folder} is inside the database&apos;s folder {home}: one broken disk would take the database and its backups. Choose a folder on another disk (a second drive or a USB disk).</source>
        <translation>备份文件夹 {folder} 位于数据库所在的文件夹 {home} 之内：一块硬盘坏了，数据库和备份就会一起丢失。请选择另一块硬盘上的文件夹（第二块硬盘或 USB 移动硬盘）。</translation>
    </message>
    <message>
        <source>{folder} is a file, not a folder. Choose a folder for the backups.</source>
        <translation>{folder} 是文件，不是文件夹。请为备份选择一个文件夹。</translation>
    </message>
    <message>
        <source>Back up every 1 to {most} hours; {hours} is outside that.</source>
        <translation>备份间隔须为 1 到 {most} 小时；{hours} 超出了这个范围。</translation>
    </message>
    <message>
        <source>A backup is being made already; this one was skipped.</source>
        <translation>已有备份正在进行；本次备份已跳过。</translation>
    </message>
    <message>
        <source>{path} cannot be restored: {problem}.</source>
        <translation>{path} 无法恢复：{problem}。</translation>
    </message>
    <message>
        <source>{path} was made by a newer StudioDesk (schema {rev}); it cannot be restored here.</source>
        <translation>{path} 由更新版本的 StudioDesk 生成（结构版本 {rev}）；无法在此恢复。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{fen} fen</source>
        <translation>{fen} 分</translation>
    </message>
    <message>
        <source>{name}: price {before} -&gt; {after} fen</source>
        <translation>{name}：价格 {before} → {after} 分</translation>
    </message>
    <message>
        <source>needs approval {before} -&gt; {after}</source>
        <translation>需确认设计 {before} → {after}</translation>
    </message>
    <message>
        <source>extra price {before} -&gt; {after}</source>
        <translation>加选价 {before} → {after}</translation>
    </message>
    <message>
        <source>needs approval {value}</source>
        <translation>需确认设计 {value}</translation>
    </message>
    <message>
        <source>extra price {value}</source>
        <translation>加选价 {value}</translation>
    </message>
    <message>
        <source>{name}; {changes}</source>
        <translation>{name}；{changes}</translation>
    </message>
    <message>
        <source>rework reason</source>
        <translation>返工原因</translation>
    </message>
    <message>
        <source>There is no {what} {id}.</source>
        <translation>没有编号为 {id} 的{what}。</translation>
    </message>
    <message>
        <source>The {what} {name} is switched off; choose another one.</source>
        <translation>{what}“{name}”已停用，请选择其他项。</translation>
    </message>
    <message>
        <source>The {what} needs a name, in Chinese or in English.</source>
        <translation>{what}需要一个中文或英文名称。</translation>
    </message>
    <message>
        <source>There is no list entry {id}.</source>
        <translation>没有编号为 {id} 的列表项。</translation>
    </message>
    <message>
        <source>{list}: {name}</source>
        <translation>{list}：{name}</translation>
    </message>
    <message>
        <source>There is already a {what} called {name}, switched off; switch it on again instead.</source>
        <translation>已有名为“{name}”的{what}，但已停用；请重新启用它。</translation>
    </message>
    <message>
        <source>There is already a {what} called {name}.</source>
        <translation>已有名为“{name}”的{what}。</translation>
    </message>
    <message>
        <source>{code} is not a staff badge.</source>
        <translation>{code} 不是员工工牌。</translation>
    </message>
    <message>
        <source>{code} is not a StudioDesk badge: a badge looks like B-7KQ2M9XD4TC. Ask a manager for a new one.</source>
        <translation>{code} 不是 StudioDesk 工牌：工牌形如 B-7KQ2M9XD4TC。请找店长补发新工牌。</translation>
    </message>
    <message>
        <source>{code} has no check character: scan the slip&apos;s barcode or type the number with its check character.</source>
        <translation>{code} 没有校验位：请扫描凭条上的条码，或输入带校验位的完整单号。</translation>
    </message>
    <message>
        <source>{code} is an item code, not an order number.</source>
        <translation>{code} 是客件条码，不是订单号。</translation>
    </message>
    <message>
        <source>{code} has a wrong check character: check the number and type it again, or scan the slip&apos;s barcode.</source>
        <translation>{code} 的校验位不对：请核对号码后重新输入，或扫描凭条上的条码。</translation>
    </message>
    <message>
        <source>The complaint&apos;s description</source>
        <translation>客诉描述</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>补救内容</translation>
    </message>
    <message>
        <source>The apology letter</source>
        <translation>致歉信</translation>
    </message>
    <message>
        <source>The call&apos;s notes</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>acknowledge</source>
        <translation>确认受理</translation>
    </message>
    <message>
        <source>apologize</source>
        <translation>致歉</translation>
    </message>
    <message>
        <source>amend</source>
        <translation>补救</translation>
    </message>
    <message>
        <source>anticipate</source>
        <translation>预防</translation>
    </message>
    <message>
        <source>Give a whole number of hours for each of the four steps.</source>
        <translation>请为四个步骤分别填写整数小时数。</translation>
    </message>
    <message>
        <source>A step&apos;s deadline is from 1 hour to {max} hours after the complaint.</source>
        <translation>步骤时限为客诉受理后 1 至 {max} 小时。</translation>
    </message>
    <message>
        <source>The apology letter cannot be empty.</source>
        <translation>致歉信不能为空。</translation>
    </message>
    <message>
        <source>Choose the customer who complains.</source>
        <translation>请选择投诉的顾客。</translation>
    </message>
    <message>
        <source>Describe the complaint.</source>
        <translation>请描述客诉问题。</translation>
    </message>
    <message>
        <source>Choose the complaint&apos;s category.</source>
        <translation>请选择客诉类别。</translation>
    </message>
    <message>
        <source>Name the staff member as well as the position.</source>
        <translation>填写了岗位，也请指明是哪位员工。</translation>
    </message>
    <message>
        <source>Some of these items do not exist.</source>
        <translation>其中有些客件不存在。</translation>
    </message>
    <message>
        <source>There is no complaint {id}.</source>
        <translation>没有编号为 {id} 的客诉。</translation>
    </message>
    <message>
        <source>Complaint {id} is closed; reopen it first.</source>
        <translation>客诉 {id} 已结案；请先重开。</translation>
    </message>
    <message>
        <source>Complaint {id}: {step} is already done.</source>
        <translation>客诉 {id}：“{step}”已完成。</translation>
    </message>
    <message>
        <source>A redo needs the items to make again; this complaint names none.</source>
        <translation>重做需要指定要重做的客件；此客诉没有涉及任何客件。</translation>
    </message>
    <message>
        <source>A redo is of items the complaint names.</source>
        <translation>只能重做客诉涉及的客件。</translation>
    </message>
    <message>
        <source>A score is a whole number from 1 to 5.</source>
        <translation>评分须为 1 至 5 的整数。</translation>
    </message>
    <message>
        <source>There is no month {month} of {year}.</source>
        <translation>没有 {year} 年 {month} 月。</translation>
    </message>
    <message>
        <source>Order {id} is not an order of {name}.</source>
        <translation>订单 {id} 不是 {name} 的订单。</translation>
    </message>
    <message>
        <source>A complaint names only items of {name}&apos;s own orders.</source>
        <translation>客诉只能涉及 {name} 本人订单中的客件。</translation>
    </message>
    <message>
        <source>Complaint {id}: {step} first.</source>
        <translation>客诉 {id}：请先完成“{step}”。</translation>
    </message>
    <message>
        <source>Choose how to amend: a redo, a discount, a gift or a refund.</source>
        <translation>请选择补救方式：重做、优惠、赠品或退款。</translation>
    </message>
    <message>
        <source>Name a lab only when it was the lab&apos;s fault.</source>
        <translation>只有责任在厂商时才能指定厂商。</translation>
    </message>
    <message>
        <source>Say what the gift is.</source>
        <translation>请写明赠品是什么。</translation>
    </message>
    <message>
        <source>Choose the lab at fault.</source>
        <translation>请选择责任厂商。</translation>
    </message>
    <message>
        <source>There is no follow-up call {id} of a complaint.</source>
        <translation>没有编号为 {id} 的客诉回访。</translation>
    </message>
    <message>
        <source>This follow-up call was already made.</source>
        <translation>此回访已完成。</translation>
    </message>
    <message>
        <source>Write down what the customer said.</source>
        <translation>请记下顾客的反馈。</translation>
    </message>
    <message>
        <source>Complaint {id} cannot be closed: {step} is not done yet.</source>
        <translation>客诉 {id} 不能结案：“{step}”尚未完成。</translation>
    </message>
    <message>
        <source>Complaint {id} is not closed.</source>
        <translation>客诉 {id} 未结案。</translation>
    </message>
    <message>
        <source>Reopening needs a reason.</source>
        <translation>重开需要填写原因。</translation>
    </message>
    <message>
        <source>The items named are not all of the order named.</source>
        <translation>所选客件并非都属于所选订单。</translation>
    </message>
    <message>
        <source>Complaint {id}: the follow-up call after the redone items are picked up closes this step.</source>
        <translation>客诉 {id}：重做的客件取走后，完成回访即完成此步骤。</translation>
    </message>
    <message>
        <source>Say what changes so that it does not happen again.</source>
        <translation>请写明要做哪些改进，避免再次发生。</translation>
    </message>
    <message>
        <source>Give the amount, more than ¥0.00.</source>
        <translation>请填写金额，须大于 ¥0.00。</translation>
    </message>
    <message>
        <source>Only a discount or a refund has an amount.</source>
        <translation>只有优惠或退款才有金额。</translation>
    </message>
    <message>
        <source>Say whose fault it was: the lab&apos;s, the studio&apos;s or the customer&apos;s.</source>
        <translation>请选择责任方：厂商、本店或顾客。</translation>
    </message>
    <message>
        <source>A refund goes back on an order; this complaint names none.</source>
        <translation>退款需退回到订单上；此客诉没有关联订单。</translation>
    </message>
    <message>
        <source>A call that did not reach the customer has no score.</source>
        <translation>未联系上顾客的回访不能评分。</translation>
    </message>
    <message>
        <source>This customer&apos;s data was erased on request; nothing more is collected.</source>
        <translation>此顾客的资料已应其要求删除，不再收集任何信息。</translation>
    </message>
    <message>
        <source>This is not a database address StudioDesk can use: {error}</source>
        <translation>这不是 StudioDesk 可用的数据库地址：{error}</translation>
    </message>
    <message>
        <source>The server name {host} is not known on this network. Check the address.</source>
        <translation>在本网络中找不到服务器名 {host}。请检查地址。</translation>
    </message>
    <message>
        <source>The server {host}:{port} refused the connection. Check that PostgreSQL runs there and accepts connections from this PC, and the port.</source>
        <translation>服务器 {host}:{port} 拒绝了连接。请检查该服务器上 PostgreSQL 是否在运行、是否允许本机连接，以及端口是否正确。</translation>
    </message>
    <message>
        <source>No answer from {host}:{port} within {seconds} seconds. Check the address, the network and the firewall.</source>
        <translation>{host}:{port} 在 {seconds} 秒内没有响应。请检查地址、网络和防火墙。</translation>
    </message>
    <message>
        <source>The server refused the user name or password ({user}). Check both and try again.</source>
        <translation>服务器不接受该用户名或密码（{user}）。请检查两者后重试。</translation>
    </message>
    <message>
        <source>The server {host} has no database named {database}. Check the name, or ask whoever set up the server to create it.</source>
        <translation>服务器 {host} 上没有名为 {database} 的数据库。请检查名称，或请搭建服务器的人创建该数据库。</translation>
    </message>
    <message>
        <source>The connection failed: {error}</source>
        <translation>连接失败：{error}</translation>
    </message>
    <message>
        <source>{db} is not a StudioDesk database (it holds the tables {tables}); it was not changed. Check the path.</source>
        <translation>{db} 不是 StudioDesk 数据库（其中的表为 {tables}）；未做任何更改。请检查路径。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file. Give the database file&apos;s path.</source>
        <translation>{path} 是文件夹，不是数据库文件。请给出数据库文件的路径。</translation>
    </message>
    <message>
        <source>A backup cannot be written over the database itself ({path}). Choose another name.</source>
        <translation>备份不能覆盖数据库本身（{path}）。请换一个文件名。</translation>
    </message>
    <message>
        <source>{path} already exists; nothing was written. Choose another name, or add --force to replace it.</source>
        <translation>{path} 已存在；未写入任何内容。请换一个文件名，或加上 --force 覆盖。</translation>
    </message>
    <message>
        <source>Not restored: {path} was made by a newer StudioDesk (schema {rev}). Install that version to restore it; the database was not touched.</source>
        <translation>未恢复：{path} 由更新版本的 StudioDesk 生成（结构版本 {rev}）。请安装该版本后再恢复；数据库未被改动。</translation>
    </message>
    <message>
        <source>Connected to {server}. The database holds a StudioDesk studio of an older version (schema {rev}); it is upgraded when StudioDesk opens it.</source>
        <translation>已连接到 {server}。该数据库中是旧版本的 StudioDesk 影楼（结构版本 {rev}）；StudioDesk 打开它时会自动升级。</translation>
    </message>
    <message>
        <source>Choose a folder for the new studio.</source>
        <translation>请为新影楼选择一个文件夹。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file. Choose another folder.</source>
        <translation>{path} 是文件夹，不是数据库文件。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>The database could not be upgraded to schema {new}: {error}. The upgrade was undone; nothing was changed. Keep using the StudioDesk version you had and send the log file to support.</source>
        <translation>数据库无法升级到结构版本 {new}：{error}。升级已撤销，未做任何更改。请继续使用原来的 StudioDesk 版本，并把日志文件发给技术支持。</translation>
    </message>
    <message>
        <source>{path} could not be read as a SQLite database ({error}); no backup was written.</source>
        <translation>{path} 无法作为 SQLite 数据库读取（{error}）；未写入备份。</translation>
    </message>
    <message>
        <source>The backup could not be written to {path} ({error}); nothing was written. Choose another folder or free some space, then try again.</source>
        <translation>备份无法写入 {path}（{error}）；未写入任何内容。请换一个文件夹或腾出磁盘空间后再试。</translation>
    </message>
    <message>
        <source>Not restored: {error} ({path}). The database is as it was; free some space or check the folder, then try again.</source>
        <translation>未恢复：{error}（{path}）。数据库保持原样；请腾出磁盘空间或检查文件夹后再试。</translation>
    </message>
    <message>
        <source>The new database failed its check ({problem}); nothing was changed.</source>
        <translation>新数据库未通过检查（{problem}）；未做任何更改。</translation>
    </message>
    <message>
        <source>The database could not be written at {path} ({error}); nothing was changed. Choose another folder or free some space, then try again.</source>
        <translation>数据库无法写入 {path}（{error}）；未做任何更改。请换一个文件夹或腾出磁盘空间后再试。</translation>
    </message>
    <message>
        <source>Connected to {server}, but {database} is not a StudioDesk database (it holds other tables). Check the database name.</source>
        <translation>已连接到 {server}，但 {database} 不是 StudioDesk 数据库（其中有其他数据表）。请检查数据库名称。</translation>
    </message>
    <message>
        <source>Connected to {server}. The database is empty: StudioDesk sets it up when it opens it, and you then create the studio.</source>
        <translation>已连接到 {server}。该数据库是空的：StudioDesk 打开它时会完成初始化，然后再创建影楼。</translation>
    </message>
    <message>
        <source>Connected to {server}. The database holds a StudioDesk studio, up to date.</source>
        <translation>已连接到 {server}。该数据库中是 StudioDesk 影楼，版本为最新。</translation>
    </message>
    <message>
        <source>Connected to {server}, but the database was written by a newer StudioDesk (schema {rev}). Install the newer StudioDesk on this PC.</source>
        <translation>已连接到 {server}，但该数据库由更新版本的 StudioDesk 写入（结构版本 {rev}）。请在本机安装新版 StudioDesk。</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be used ({error}). Choose another folder.</source>
        <translation>文件夹 {folder} 无法使用（{error}）。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>The database could not be upgraded from schema {old} to {new}: {error}. Nothing was changed: the upgrade was undone and the database is as it was. A copy made just before is at {backup}. Keep using the StudioDesk version you had and send the log file to support.</source>
        <translation>数据库无法从结构版本 {old} 升级到 {new}：{error}。未做任何更改：升级已撤销，数据库保持原样。升级前的副本在 {backup}。请继续使用原来的 StudioDesk 版本，并把日志文件发给技术支持。</translation>
    </message>
    <message>
        <source>{n} customers</source>
        <translation>{n} 位客户</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Calls due</source>
        <translation>应回访数</translation>
    </message>
    <message>
        <source>Calls made</source>
        <translation>已回访数</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <source>Given up</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>Overall satisfaction (1-5)</source>
        <translation>总体满意度（1-5）</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答数</translation>
    </message>
    <message>
        <source>Average (1-5)</source>
        <translation>平均分（1-5）</translation>
    </message>
    <message>
        <source>after the shoot</source>
        <translation>拍摄后</translation>
    </message>
    <message>
        <source>after the selection</source>
        <translation>选片后</translation>
    </message>
    <message>
        <source>after pickup</source>
        <translation>取件后</translation>
    </message>
    <message>
        <source>yearly</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>顾客的反馈</translation>
    </message>
    <message>
        <source>The lead&apos;s name</source>
        <translation>线索姓名</translation>
    </message>
    <message>
        <source>The lead&apos;s relation</source>
        <translation>线索与顾客的关系</translation>
    </message>
    <message>
        <source>The question in Chinese</source>
        <translation>中文问题</translation>
    </message>
    <message>
        <source>The question in English</source>
        <translation>英文问题</translation>
    </message>
    <message>
        <source>A follow-up is tried 1 to 10 times before it is given up.</source>
        <translation>回访在放弃前可拨打 1 至 10 次。</translation>
    </message>
    <message>
        <source>A question needs its text, in Chinese or in English.</source>
        <translation>问题需要填写中文或英文内容。</translation>
    </message>
    <message>
        <source>A question scores a photographer, make-up artist, selection salesperson or counter clerk.</source>
        <translation>问题的评分对象只能是摄影师、化妆师、选片销售或门市。</translation>
    </message>
    <message>
        <source>{stage}: {text}</source>
        <translation>{stage}：{text}</translation>
    </message>
    <message>
        <source>There is no follow-up question {id}.</source>
        <translation>没有编号为 {id} 的回访问题。</translation>
    </message>
    <message>
        <source>There is no follow-up call {id}.</source>
        <translation>没有编号为 {id} 的回访。</translation>
    </message>
    <message>
        <source>Follow-up calls are made after the shoot, the selection or pickup.</source>
        <translation>回访只在拍摄后、选片后或取件后进行。</translation>
    </message>
    <message>
        <source>A follow-up call is due 0 to {limit} days after its stage.</source>
        <translation>回访应安排在该阶段后 0 至 {limit} 天内。</translation>
    </message>
    <message>
        <source>The overall satisfaction question is always asked and scores no one.</source>
        <translation>总体满意度问题每次都会提问，且不为任何员工评分。</translation>
    </message>
    <message>
        <source>Question {id} is not asked {stage}.</source>
        <translation>问题 {id} 不在{stage}回访中提问。</translation>
    </message>
    <message>
        <source>Question {n} ({question}): a score is a whole number from 1 to 5, not {score}.</source>
        <translation>第 {n} 题（{question}）：评分须为 1 到 5 的整数，不能是 {score}。</translation>
    </message>
    <message>
        <source>Question {n} ({question}): this question needs a score.</source>
        <translation>第 {n} 题（{question}）：此题必须评分。</translation>
    </message>
    <message>
        <source>Question {n}: a score is a whole number from 1 to 5, not {score}.</source>
        <translation>第 {n} 题：评分须为 1 到 5 的整数，不能是 {score}。</translation>
    </message>
    <message>
        <source>Question {n}: this question needs a score.</source>
        <translation>第 {n} 题：此题必须评分。</translation>
    </message>
    <message>
        <source>A call that did not reach the customer has no scores and no leads.</source>
        <translation>未联系上顾客的回访不能有评分和线索。</translation>
    </message>
    <message>
        <source>A referral lead needs a name.</source>
        <translation>转介绍线索需要填写姓名。</translation>
    </message>
    <message>
        <source>{name}: a referral lead needs a phone number.</source>
        <translation>{name}：转介绍线索需要填写电话号码。</translation>
    </message>
    <message>
        <source>There is no lab called {name}. Labs: {known}.</source>
        <translation>没有名为 {name} 的厂商。现有厂商：{known}。</translation>
    </message>
    <message>
        <source>“{text}” is not a month: write it as YYYY-MM, for example 2026-10.</source>
        <translation>“{text}”不是月份：请写成 YYYY-MM，例如 2026-10。</translation>
    </message>
    <message>
        <source>needs no approval</source>
        <translation>无需确认</translation>
    </message>
    <message>
        <source>still being designed</source>
        <translation>仍在设计中</translation>
    </message>
    <message>
        <source>waiting for the customer&apos;s approval</source>
        <translation>等待客人确认</translation>
    </message>
    <message>
        <source>{code} is {state}; a customer&apos;s item is redone through a complaint (Complaints tab). Nothing changed.</source>
        <translation>{code} {state}；顾客的客件要重做，请通过客诉办理（“客诉”页）。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} cannot go to a lab yet: its design is {design}, and the customer must approve it first. Nothing changed.</source>
        <translation>{code} 还不能发厂:设计{design},须先经客人确认。未做任何更改。</translation>
    </message>
    <message>
        <source>{code}: {before} → {after}</source>
        <translation>{code}：{before} → {after}</translation>
    </message>
    <message>
        <source>{code} is {state} already. Nothing changed.</source>
        <translation>{code} 当前已是：{state}。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} is already {state}; nothing changed.</source>
        <translation>{code} 当前已是：{state}；未做任何更改。</translation>
    </message>
    <message>
        <source>A rework reason goes only with sending an item to rework.</source>
        <translation>只有返工时才能填写返工原因。</translation>
    </message>
    <message>
        <source>due {due} fen; {reason}; handed over by {name}</source>
        <translation>欠款 {due} 分；{reason}；由 {name} 交件</translation>
    </message>
    <message>
        <source>due {due} fen; {reason}</source>
        <translation>欠款 {due} 分；{reason}</translation>
    </message>
    <message>
        <source>Order {number} has no item {seq}.</source>
        <translation>订单 {number} 没有第 {seq} 件客件。</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发件单号</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发件</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>回件</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>Rework reason</source>
        <translation>返工原因</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount billed</source>
        <translation>计费金额</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Reworks</source>
        <translation>返工件数</translation>
    </message>
    <message>
        <source>Bills rework</source>
        <translation>返工收费</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Total: {what}</source>
        <translation>合计：{what}</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Revenue and payments</source>
        <translation>营收与收款</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款明细</translation>
    </message>
    <message>
        <source>Extras sold</source>
        <translation>加选销售</translation>
    </message>
    <message>
        <source>Balances outstanding</source>
        <translation>欠款订单</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>套系</translation>
    </message>
    <message>
        <source>Package price</source>
        <translation>套系价格</translation>
    </message>
    <message>
        <source>Extras</source>
        <translation>加选金额</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Order total</source>
        <translation>订单总额</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>待付余额</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Deposits</source>
        <translation>订金</translation>
    </message>
    <message>
        <source>Balance payments</source>
        <translation>尾款</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Net received</source>
        <translation>实收净额</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>付款日期</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Price reason</source>
        <translation>改价原因</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Returned from the lab</source>
        <translation>回件件数</translation>
    </message>
    <message>
        <source>no lab</source>
        <translation>无厂商</translation>
    </message>
    <message>
        <source>Value of the orders</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Balances as of {day}</source>
        <translation>截至 {day} 的欠款</translation>
    </message>
    <message>
        <source>Natural (came by themselves)</source>
        <translation>自然进店</translation>
    </message>
    <message>
        <source>Marketing campaign</source>
        <translation>市场活动</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>转介绍</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>路过进店</translation>
    </message>
    <message>
        <source>Third-party platform</source>
        <translation>第三方平台</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>订金</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>尾款</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>shoot</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>selection</source>
        <translation>选片</translation>
    </message>
    <message>
        <source>pickup</source>
        <translation>取件</translation>
    </message>
    <message>
        <source>Package {id} does not exist or is no longer sold.</source>
        <translation>套系 {id} 不存在或已停售。</translation>
    </message>
    <message>
        <source>A discount cannot be negative.</source>
        <translation>优惠不能为负数。</translation>
    </message>
    <message>
        <source>An extra cannot have a negative price.</source>
        <translation>加选价格不能为负数。</translation>
    </message>
    <message>
        <source>The discount is larger than the order&apos;s price.</source>
        <translation>优惠金额超过了订单价格。</translation>
    </message>
    <message>
        <source>A discount needs a reason.</source>
        <translation>优惠需要填写原因。</translation>
    </message>
    <message>
        <source>A deposit cannot be negative.</source>
        <translation>订金不能为负数。</translation>
    </message>
    <message>
        <source>An order holds at most 99 items; this one would have {n}.</source>
        <translation>一个订单最多 99 件客件，此订单将有 {n} 件。</translation>
    </message>
    <message>
        <source>Product type {id} does not exist.</source>
        <translation>产品类型 {id} 不存在。</translation>
    </message>
    <message>
        <source>A discount above {percent}% or ¥{amount} needs a manager&apos;s approval; nothing was booked.</source>
        <translation>超过 {percent}% 或 ¥{amount} 的优惠需店长批准；未开单。</translation>
    </message>
    <message>
        <source>{fen} fen: {reason}</source>
        <translation>{fen} 分：{reason}</translation>
    </message>
    <message>
        <source>{fen} fen given by {giver}, approved by {approver}</source>
        <translation>{giver} 给出 {fen} 分优惠，{approver} 批准</translation>
    </message>
    <message>
        <source>{count} message(s) exported to {file}</source>
        <translation>已导出 {count} 条短信到 {file}</translation>
    </message>
    <message>
        <source>Choose the ready items to hand over; nothing was handed over.</source>
        <translation>请选择要交付的可取客件；未交件。</translation>
    </message>
    <message>
        <source>{code} was cancelled; it is not handed over. Nothing changed.</source>
        <translation>{code} 已取消，不能交付。未做任何更改。</translation>
    </message>
    <message>
        <source>A balance override needs a reason; nothing was handed over.</source>
        <translation>欠款特批需要填写原因；未交件。</translation>
    </message>
    <message>
        <source>Another station changed this order just now; nothing was handed over. Scan it again.</source>
        <translation>另一台电脑刚刚修改了此订单；未交件。请重新扫描。</translation>
    </message>
    <message>
        <source>{code} is not an item of order {order}; nothing was handed over.</source>
        <translation>{code} 不是订单 {order} 的客件；未交件。</translation>
    </message>
    <message>
        <source>{code} is {state}; only ready items are handed over. Nothing was handed over.</source>
        <translation>{code} {state}；只有可取的客件才能交付。未交件。</translation>
    </message>
    <message>
        <source>photographer</source>
        <translation>摄影师</translation>
    </message>
    <message>
        <source>make-up artist</source>
        <translation>化妆师</translation>
    </message>
    <message>
        <source>selection salesperson</source>
        <translation>选片销售</translation>
    </message>
    <message>
        <source>counter clerk</source>
        <translation>门市</translation>
    </message>
    <message>
        <source>customer service</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>{name} is not a {position} here; a manager gives positions under Settings → Staff.</source>
        <translation>{name} 不是本店的{position}；岗位由店长在“设置 → 员工”中设定。</translation>
    </message>
    <message>
        <source>{name}: {positions}</source>
        <translation>{name}：{positions}</translation>
    </message>
    <message>
        <source>{name}: none</source>
        <translation>{name}：无</translation>
    </message>
    <message>
        <source>marketing messages</source>
        <translation>接收营销信息</translation>
    </message>
    <message>
        <source>survey facts</source>
        <translation>保存调查资料</translation>
    </message>
    <message>
        <source>{kind} is not a kind of consent.</source>
        <translation>{kind} 不是有效的同意类型。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <source>Consent to {what} recorded.</source>
        <translation>已登记同意{what}。</translation>
    </message>
    <message>
        <source>This customer&apos;s data was already erased.</source>
        <translation>此顾客的资料已被删除。</translation>
    </message>
    <message>
        <source>Type the customer&apos;s name “{name}” to confirm the erasure.</source>
        <translation>请输入顾客姓名“{name}”以确认删除。</translation>
    </message>
    <message>
        <source>Customer {id}&apos;s personal data erased on request.</source>
        <translation>已应顾客要求删除顾客 {id} 的个人信息。</translation>
    </message>
    <message>
        <source>Customer {id}&apos;s data exported for them.</source>
        <translation>已应顾客要求导出顾客 {id} 的资料。</translation>
    </message>
    <message>
        <source>Consent to {what} withdrawn; {n} survey answers deleted.</source>
        <translation>已撤回同意{what}；已删除 {n} 条调查答案。</translation>
    </message>
    <message>
        <source>Consent to {what} withdrawn.</source>
        <translation>已撤回同意{what}。</translation>
    </message>
    <message>
        <source>The rework reason “other” needs a note saying what is wrong.</source>
        <translation>返工原因选“其他”时，需注明问题所在。</translation>
    </message>
    <message>
        <source>item code</source>
        <translation>客件条码</translation>
    </message>
    <message>
        <source>order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Billed but never sent or returned this month</source>
        <translation>已计费，但本月没有发件或回件</translation>
    </message>
    <message>
        <source>Sent or returned but not billed</source>
        <translation>已发件或回件，但未计费</translation>
    </message>
    <message>
        <source>Price differs from the price list</source>
        <translation>价格与价格表不符</translation>
    </message>
    <message>
        <source>Billed twice</source>
        <translation>重复计费</translation>
    </message>
    <message>
        <source>Rework billed, but this lab redoes its faults free</source>
        <translation>返工被计费，但该厂商自身问题免费重做</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>idle too long</source>
        <translation>闲置超时</translation>
    </message>
    <message>
        <source>{file}: {field} is {value}, but it must be {expected}. Nothing was changed.</source>
        <translation>{file}：{field} 为 {value}，但必须是{expected}。未做任何更改。</translation>
    </message>
    <message>
        <source>{file}: {field} is not a setting StudioDesk knows. Nothing was changed.</source>
        <translation>{file}：{field} 不是 StudioDesk 认识的设置项。未做任何更改。</translation>
    </message>
    <message>
        <source>a label size in mm, width x height, {w_low}-{w_high} x {h_low}-{h_high} (50x30)</source>
        <translation>以毫米为单位的标签尺寸，宽 x 高，{w_low}-{w_high} x {h_low}-{h_high}（例如 50x30）</translation>
    </message>
    <message>
        <source>Settings exported to {file}: {templates} message template(s), {rules} reminder rule(s)</source>
        <translation>设置已导出到 {file}：{templates} 个短信模板，{rules} 条提醒规则</translation>
    </message>
    <message>
        <source>{file} is not a StudioDesk settings file. Nothing was changed.</source>
        <translation>{file} 不是 StudioDesk 设置文件。未做任何更改。</translation>
    </message>
    <message>
        <source>Settings imported from {file}: {station} station setting(s); message templates {t_added} added, {t_changed} changed; reminder rules {r_added} added, {r_changed} changed, {r_off} switched off</source>
        <translation>已从 {file} 导入设置：工作站设置 {station} 项；短信模板新增 {t_added} 个，修改 {t_changed} 个；提醒规则新增 {r_added} 条，修改 {r_changed} 条，停用 {r_off} 条</translation>
    </message>
    <message>
        <source>a group of settings (a JSON object)</source>
        <translation>一组设置（JSON 对象）</translation>
    </message>
    <message>
        <source>{file}: {field} is missing. Nothing was changed.</source>
        <translation>{file}：缺少 {field}。未做任何更改。</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>以下之一：{choices}</translation>
    </message>
    <message>
        <source>{file}, {field}: {problem} The settings were not imported.</source>
        <translation>{file}，{field}：{problem}设置未导入。</translation>
    </message>
    <message>
        <source>a list of message templates</source>
        <translation>短信模板列表</translation>
    </message>
    <message>
        <source>{file}: the message template {key} is there twice. Nothing was changed.</source>
        <translation>{file}：短信模板 {key} 出现了两次。未做任何更改。</translation>
    </message>
    <message>
        <source>a list of reminder rules</source>
        <translation>提醒规则列表</translation>
    </message>
    <message>
        <source>{file}: {field} is the same rule as one before it (event, days and role). Nothing was changed.</source>
        <translation>{file}：{field} 与前面的一条规则相同（事件、天数和负责人都一样）。未做任何更改。</translation>
    </message>
    <message>
        <source>{file} could not be read ({error}). Nothing was changed.</source>
        <translation>无法读取 {file}（{error}）。未做任何更改。</translation>
    </message>
    <message>
        <source>{file} is not a StudioDesk settings file (it is not JSON: {error}). Nothing was changed.</source>
        <translation>{file} 不是 StudioDesk 设置文件（不是 JSON 格式：{error}）。未做任何更改。</translation>
    </message>
    <message>
        <source>{file} was written by a newer StudioDesk (settings version {version}; this one reads version {supported}). Nothing was changed.</source>
        <translation>{file} 由更新版本的 StudioDesk 生成（设置版本 {version}；本版本只能读取版本 {supported}）。未做任何更改。</translation>
    </message>
    <message>
        <source>{file}: {field} names the message template {key}, which neither the file nor the database holds. Nothing was changed.</source>
        <translation>{file}：{field} 引用了短信模板 {key}，但文件和数据库中都没有这个模板。未做任何更改。</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>the serial port of the scanner (COM3, /dev/ttyACM0)</source>
        <translation>扫描枪的串口（例如 COM3、/dev/ttyACM0）</translation>
    </message>
    <message>
        <source>a whole number from {low} to {high}</source>
        <translation>{low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>{key}: {body}</source>
        <translation>{key}：{body}</translation>
    </message>
    <message>
        <source>The text has a brace that opens or closes no field; write {{ or }} for a brace itself. Nothing was saved.</source>
        <translation>内容中有不成对的花括号（没有对应的字段）；要写花括号本身，请写 {{ 或 }}。未保存任何内容。</translation>
    </message>
    <message>
        <source>The text uses the field {field}, which does not exist; the fields are {fields}. Nothing was saved.</source>
        <translation>内容中用了不存在的字段 {field}；可用的字段有 {fields}。未保存任何内容。</translation>
    </message>
    <message>
        <source>A template named {key} exists already; nothing was saved.</source>
        <translation>已有名为 {key} 的模板；未保存任何内容。</translation>
    </message>
    <message>
        <source>The message&apos;s text</source>
        <translation>消息内容</translation>
    </message>
    <message>
        <source>The template&apos;s key</source>
        <translation>模板代码</translation>
    </message>
    <message>
        <source>The tier thresholds must fall from the top tier to the low tier: {top} &gt; {growth} &gt; {low}.</source>
        <translation>层级分数线必须从高到低依次递减：{top} &gt; {growth} &gt; {low}。</translation>
    </message>
    <message>
        <source>A tier weight or threshold must be a number.</source>
        <translation>层级权重或分数线必须是数字。</translation>
    </message>
    <message>
        <source>A tier weight cannot be negative.</source>
        <translation>层级权重不能为负数。</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>差异明细</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Item code</source>
        <translation>客件条码</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Statement row</source>
        <translation>对账单行号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>计费单价</translation>
    </message>
    <message>
        <source>Price list</source>
        <translation>价格表单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Customer {id}, {stage}: overall {score}, {leads} referral leads</source>
        <translation>顾客 {id}，{stage}：总体 {score} 分，转介绍线索 {leads} 条</translation>
    </message>
    <message>
        <source>Customer {id}, {stage}: not reached (attempt {attempt}), again on {day}</source>
        <translation>顾客 {id}，{stage}：未联系上（第 {attempt} 次），{day} 再拨</translation>
    </message>
    <message>
        <source>Customer {id}, {stage}: not reached {attempts} times, given up</source>
        <translation>顾客 {id}，{stage}：{attempts} 次未联系上，已放弃</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>There is no message {id} in the outbox.</source>
        <translation>待发列表中没有编号为 {id} 的消息。</translation>
    </message>
    <message>
        <source>Message {id} was already sent; nothing was changed.</source>
        <translation>消息 {id} 已经发送过；未做任何更改。</translation>
    </message>
    <message>
        <source>The customer of message {id} does not consent to marketing messages; it is not sent.</source>
        <translation>消息 {id} 的顾客未同意接收营销信息；不予发送。</translation>
    </message>
    <message>
        <source>{count} message(s) marked sent</source>
        <translation>{count} 条消息标记为已发送</translation>
    </message>
    <message>
        <source>{count} message(s) sent by {sender}</source>
        <translation>{count} 条消息由 {sender} 发送</translation>
    </message>
    <message>
        <source>{address} is not a server address such as https://192.168.1.5:8443.</source>
        <translation>{address} 不是有效的服务器地址，应类似 https://192.168.1.5:8443。</translation>
    </message>
    <message>
        <source>phone server at {address}</source>
        <translation>手机理件服务地址：{address}</translation>
    </message>
    <message>
        <source>phone server off</source>
        <translation>手机理件服务已关闭</translation>
    </message>
    <message>
        <source>Credits the lab takes off the bill: check them against what was agreed</source>
        <translation>厂商扣款：请与约定核对</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>对账单</translation>
    </message>
    <message>
        <source>Total billed</source>
        <translation>计费合计</translation>
    </message>
    <message>
        <source>Sent or returned at the price list</source>
        <translation>按价格表计的发件或回件金额</translation>
    </message>
    <message>
        <source>Lines that agree</source>
        <translation>相符件数</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>is not a whole number of pieces</source>
        <translation>不是整数件数</translation>
    </message>
    <message>
        <source>is not a price</source>
        <translation>不是有效价格</translation>
    </message>
    <message>
        <source>{path}: no header row with an item code or order number column and a unit price column (such as 条码, 订单号, 单价) in the first {rows} rows. Choose the columns by hand.</source>
        <translation>{path}：前 {rows} 行中找不到表头行（须有客件条码列或订单号列，以及单价列，如 条码、订单号、单价）。请手动选择列。</translation>
    </message>
    <message>
        <source>{path}: no sheet has the header row saved for this lab ({headers}) in its first {rows} rows; the lab changed its layout. Choose the columns again.</source>
        <translation>{path}：没有哪个工作表的前 {rows} 行中有为此厂商保存的表头行（{headers}）；厂商改了表格格式。请重新选择列。</translation>
    </message>
    <message>
        <source>There is no file at {path}.</source>
        <translation>{path} 处没有文件。</translation>
    </message>
    <message>
        <source>{path} is empty: it holds no workbook.</source>
        <translation>{path} 是空文件：其中没有工作簿。</translation>
    </message>
    <message>
        <source>{path} is password-protected or an old .xls workbook, not an xlsx: remove the password or save it as .xlsx in Excel or WPS, then try again.</source>
        <translation>{path} 有密码保护，或是旧版 .xls 工作簿，不是 xlsx：请去掉密码，或在 Excel 或 WPS 中另存为 .xlsx，然后再试。</translation>
    </message>
    <message>
        <source>{path} is not an Excel workbook (.xlsx).</source>
        <translation>{path} 不是 Excel 工作簿（.xlsx）。</translation>
    </message>
    <message>
        <source>{path} is a zip file but not an Excel workbook (.xlsx).</source>
        <translation>{path} 是 zip 文件，但不是 Excel 工作簿（.xlsx）。</translation>
    </message>
    <message>
        <source>{path} is far too big for a month&apos;s statement ({size} MB unpacked).</source>
        <translation>{path} 太大了，不可能是一个月的对账单（解压后 {size} MB）。</translation>
    </message>
    <message>
        <source>{path} is empty: its sheets hold nothing.</source>
        <translation>{path} 是空的：其中的工作表没有任何内容。</translation>
    </message>
    <message>
        <source>{path} has no sheets.</source>
        <translation>{path} 中没有工作表。</translation>
    </message>
    <message>
        <source>{path}, sheet {sheet}, row {row}, column {column} ({what}): “{value}” {why}. Nothing was checked.</source>
        <translation>{path}，工作表 {sheet}，第 {row} 行，{column} 列（{what}）：“{value}”{why}。未做任何核对。</translation>
    </message>
    <message>
        <source>Choose the column with the item code or the column with the order number.</source>
        <translation>请选择客件条码所在的列，或订单号所在的列。</translation>
    </message>
    <message>
        <source>Choose the column with the unit price.</source>
        <translation>请选择单价所在的列。</translation>
    </message>
    <message>
        <source>Each column can hold one thing only: two fields are set to the same column.</source>
        <translation>每一列只能对应一项内容：有两个字段设成了同一列。</translation>
    </message>
    <message>
        <source>The header row is a row of the sheet: 1 or more.</source>
        <translation>表头行是工作表中的行号：须为 1 或以上。</translation>
    </message>
    <message>
        <source>{path} is far too big for a month&apos;s statement ({size} MB).</source>
        <translation>{path} 太大了，不可能是一个月的对账单（{size} MB）。</translation>
    </message>
    <message>
        <source>{path} cannot be read ({error}).</source>
        <translation>无法读取 {path}（{error}）。</translation>
    </message>
    <message>
        <source>{path} is damaged or not an Excel workbook (.xlsx).</source>
        <translation>{path} 已损坏，或不是 Excel 工作簿（.xlsx）。</translation>
    </message>
    <message>
        <source>{path} is damaged and cannot be read as a workbook ({error}).</source>
        <translation>{path} 已损坏，无法作为工作簿读取（{error}）。</translation>
    </message>
    <message>
        <source>{path}, sheet {sheet}: {count} rows below the header. A month&apos;s statement has a few thousand lines: is this the right file? Nothing was checked.</source>
        <translation>{path}，工作表 {sheet}：表头下方有 {count} 行。一个月的对账单通常只有几千行：是不是选错了文件？未做任何核对。</translation>
    </message>
    <message>
        <source>{path}, sheet {sheet}: no billed lines below the header in row {row}. Nothing was checked.</source>
        <translation>{path}，工作表 {sheet}：第 {row} 行表头下方没有计费行。未做任何核对。</translation>
    </message>
    <message>
        <source>{path}, sheet {sheet}: column {column} holds no item codes or order numbers; the columns are not where this layout says. Choose the columns again.</source>
        <translation>{path}，工作表 {sheet}：{column} 列中没有客件条码或订单号；各列不在此格式所说的位置。请重新选择列。</translation>
    </message>
    <message>
        <source>Left in the month before: it may be on that month&apos;s statement.</source>
        <translation>上月已发件：可能列在上月的对账单上。</translation>
    </message>
    <message>
        <source>The saved statement layout cannot be read ({error}); choose the columns again.</source>
        <translation>无法读取已保存的对账单格式（{error}）；请重新选择列。</translation>
    </message>
    <message>
        <source>“{part}” is not FIELD=COLUMN (fields: {fields}; columns: A, B, …).</source>
        <translation>“{part}”不是 FIELD=COLUMN 格式（字段：{fields}；列：A、B、…）。</translation>
    </message>
    <message>
        <source>{code} has a wrong check character: the lab mistyped it.</source>
        <translation>{code} 的校验字符不对：厂商输错了。</translation>
    </message>
    <message>
        <source>{code} is not a StudioDesk item code or order number.</source>
        <translation>{code} 不是 StudioDesk 的客件条码或订单号。</translation>
    </message>
    <message>
        <source>{path}, sheet {sheet}: more than {limit} rows below the header. A month&apos;s statement has a few thousand lines: is this the right file? Nothing was checked.</source>
        <translation>{path}，工作表 {sheet}：表头下方超过 {limit} 行。一个月的对账单通常只有几千行：是不是选错了文件？未做任何核对。</translation>
    </message>
    <message>
        <source>{path}, sheet {sheet}, row {row}, column {column} ({what}) is empty: every billed line needs its price. Nothing was checked.</source>
        <translation>{path}，工作表 {sheet}，第 {row} 行，{column} 列（{what}）为空：每条计费行都要有价格。未做任何核对。</translation>
    </message>
    <message>
        <source>Still at the lab: it may be on next month&apos;s statement.</source>
        <translation>仍在厂商处：可能列在下月的对账单上。</translation>
    </message>
    <message>
        <source>The line has no item code or order number.</source>
        <translation>该行没有客件条码或订单号。</translation>
    </message>
    <message>
        <source>The lab marks the line as a rework.</source>
        <translation>厂商把该行标为返工。</translation>
    </message>
    <message>
        <source>The lab had no price for this product when it left.</source>
        <translation>客件发出时，该厂商没有此产品的价格。</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Follow-up calls due come from the follow-up worklist; they need no rule. Nothing was saved.</source>
        <translation>到期的回访来自待回访清单，不需要设规则。未保存任何内容。</translation>
    </message>
    <message>
        <source>There is no message template {id}.</source>
        <translation>没有编号为 {id} 的短信模板。</translation>
    </message>
    <message>
        <source>There is no reminder {id}.</source>
        <translation>没有编号为 {id} 的提醒。</translation>
    </message>
    <message>
        <source>This reminder was withdrawn (its date moved or its reason went away); nothing was changed.</source>
        <translation>此提醒已撤销（日期已变动或原因已不存在）；未做任何更改。</translation>
    </message>
    <message>
        <source>This reminder is already marked {outcome}; nothing was changed.</source>
        <translation>此提醒已标记为{outcome}；未做任何更改。</translation>
    </message>
    <message>
        <source>{title}: {outcome}</source>
        <translation>{title}：{outcome}</translation>
    </message>
    <message>
        <source>There is no reminder rule {id}.</source>
        <translation>没有编号为 {id} 的提醒规则。</translation>
    </message>
    <message>
        <source>The period starts on {first} but ends before that, on {last}.</source>
        <translation>期间开始于 {first},结束日期 {last} 却更早。</translation>
    </message>
    <message>
        <source>{path} is neither UTF-8 nor GBK text; nothing was done. Save it as UTF-8 and try again.</source>
        <translation>{path} 既不是 UTF-8 也不是 GBK 文本;未做任何处理。请另存为 UTF-8 后重试。</translation>
    </message>
    <message>
        <source>{path} is too large to be a scanner file; nothing was done.</source>
        <translation>{path} 太大,不是扫描枪文件;未做任何处理。</translation>
    </message>
    <message>
        <source>{path} holds no codes; nothing was done.</source>
        <translation>{path} 中没有条码;未做任何处理。</translation>
    </message>
    <message>
        <source>There is no staff member called {name}; nothing was done.</source>
        <translation>没有名为 {name} 的员工;未做任何处理。</translation>
    </message>
    <message>
        <source>{name} can no longer sign in (the account is switched off); nothing was done.</source>
        <translation>{name} 的账号已停用;未做任何处理。</translation>
    </message>
    <message>
        <source>There is no lab called {name}; nothing was done. The labs are: {labs}.</source>
        <translation>没有名为 {name} 的厂商;未做任何处理。现有厂商:{labs}。</translation>
    </message>
    <message>
        <source>Choose the lab the items go to; nothing was done.</source>
        <translation>请选择发往的厂商;未做任何处理。</translation>
    </message>
    <message>
        <source>The lab {name} is switched off; choose another one. Nothing was done.</source>
        <translation>厂商 {name} 已停用,请选择其他厂商。未做任何处理。</translation>
    </message>
    <message>
        <source>The file holds no codes; nothing was done.</source>
        <translation>文件中没有条码;未做任何处理。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a scanner file; nothing was done.</source>
        <translation>{path} 是文件夹,不是扫描枪文件;未做任何处理。</translation>
    </message>
    <message>
        <source>There is no file {path}; nothing was done.</source>
        <translation>文件 {path} 不存在;未做任何处理。</translation>
    </message>
    <message>
        <source>{path} could not be read ({error}); nothing was done.</source>
        <translation>无法读取 {path} ({error});未做任何处理。</translation>
    </message>
    <message>
        <source>{path} is not a text file of codes (one per line); nothing was done.</source>
        <translation>{path} 不是条码文本文件 (每行一个);未做任何处理。</translation>
    </message>
    <message>
        <source>Rework needs a reason: say what is wrong, not just {name}.</source>
        <translation>返工需要原因:请说明具体问题,不能只写“{name}”。</translation>
    </message>
    <message>
        <source>Rework for another reason: say what is wrong. Nothing was done.</source>
        <translation>其他原因返工:请说明具体问题。未做任何处理。</translation>
    </message>
    <message>
        <source>booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>a no-show</source>
        <translation>未到店</translation>
    </message>
    <message>
        <source>shot</source>
        <translation>已拍摄</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>已选片</translation>
    </message>
    <message>
        <source>A slot holds from 1 to {limit} sessions.</source>
        <translation>每个时段可容纳 1 至 {limit} 组。</translation>
    </message>
    <message>
        <source>A slot must end after it starts ({starts}–{ends}).</source>
        <translation>时段的结束时间必须晚于开始时间 ({starts}–{ends})。</translation>
    </message>
    <message>
        <source>{kind} {slot} × {capacity}</source>
        <translation>{kind} {slot} × {capacity}</translation>
    </message>
    <message>
        <source>Time slot {id} does not exist.</source>
        <translation>时段 {id} 不存在。</translation>
    </message>
    <message>
        <source>{time} is a {slot_kind} time, not a {kind} time.</source>
        <translation>{time} 是{slot_kind}时段，不是{kind}时段。</translation>
    </message>
    <message>
        <source>The {kind} time {time} is no longer offered; choose another.</source>
        <translation>{kind}时段 {time} 已不再开放，请另选。</translation>
    </message>
    <message>
        <source>The {kind} time {time} on {when} is full ({capacity} booked), and nothing is free in the {days} days after it; nothing was changed.</source>
        <translation>{when} 的{kind}时段 {time} 已满 (已约 {capacity} 组)，之后 {days} 天内也没有空位；未做任何更改。</translation>
    </message>
    <message>
        <source>A calendar shows at most {days} days.</source>
        <translation>日历最多显示 {days} 天。</translation>
    </message>
    <message>
        <source>Order {number} is cancelled; its sessions cannot change.</source>
        <translation>订单 {number} 已取消，其拍摄阶段不能更改。</translation>
    </message>
    <message>
        <source>Session {session} of order {number} is cancelled; nothing was changed.</source>
        <translation>订单 {number} 的拍摄阶段 {session} 已取消；未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session} is already {state}; its shoot cannot move. Nothing was changed.</source>
        <translation>{session} 的状态已是{state}，拍摄不能再改期。未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session} is {state}; its selection cannot move. Nothing was changed.</source>
        <translation>{session} 的状态为{state}，选片不能改期。未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session} is already on {day} at that time; nothing was changed.</source>
        <translation>{session} 已安排在 {day} 的这个时段；未做任何更改。</translation>
    </message>
    <message>
        <source>{day} has passed; choose today or a later day. Nothing was changed.</source>
        <translation>{day} 已过，请选择今天或以后的日期。未做任何更改。</translation>
    </message>
    <message>
        <source>Moving a session (改期) needs a reason; nothing was changed.</source>
        <translation>改期需要填写原因；未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session} is already {state}; nothing was changed.</source>
        <translation>{session} 的状态已是{state}；未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session} has no shoot date yet; nothing was changed.</source>
        <translation>{session} 还没有拍摄日期；未做任何更改。</translation>
    </message>
    <message>
        <source>The shoot of session {session} is on {day}, not yet; nothing was changed.</source>
        <translation>{session} 的拍摄日期是 {day}，还没到；未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session} is {state}, not booked; nothing was changed.</source>
        <translation>{session} 的状态为{state}，不是已预约；未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session} is {state}, not a no-show; nothing was changed.</source>
        <translation>{session} 的状态为{state}，不是未到店；未做任何更改。</translation>
    </message>
    <message>
        <source>Cancelling a session needs a reason; nothing was changed.</source>
        <translation>取消拍摄阶段需要填写原因；未做任何更改。</translation>
    </message>
    <message>
        <source>A session has no {position}.</source>
        <translation>拍摄阶段无需安排{position}。</translation>
    </message>
    <message>
        <source>{kind} {before} → {after}</source>
        <translation>{kind} {before} → {after}</translation>
    </message>
    <message>
        <source>The {kind} time {time} on {when} is full ({capacity} booked); nothing was changed.</source>
        <translation>{when} 的{kind}时段 {time} 已满 (已约 {capacity} 组)；未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session}: the selection cannot be before the shoot ({shoot}). Nothing was changed.</source>
        <translation>{session}：选片不能早于拍摄 ({shoot})。未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session}: the {other} is on {other_day}, before {day}; move the {other} first. Nothing was changed.</source>
        <translation>{session}：{other}日期是 {other_day}，早于 {day}；请先将{other}改期。未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session} was a no-show: rebook it. Nothing was changed.</source>
        <translation>{session} 客人未到店：请重新预约。未做任何更改。</translation>
    </message>
    <message>
        <source>{session} {kind}: {before} → {after}: {reason}</source>
        <translation>{session} {kind}：{before} → {after}：{reason}</translation>
    </message>
    <message>
        <source>{session}: {before} (no-show) → {after}: {reason}</source>
        <translation>{session}：{before}（未到店）→ {after}：{reason}</translation>
    </message>
    <message>
        <source>{session}: {before} (no-show) → {after}</source>
        <translation>{session}：{before}（未到店）→ {after}</translation>
    </message>
    <message>
        <source>Session {session} is the only one left of order {number}: cancel the order instead. Nothing was changed.</source>
        <translation>{session} 是订单 {number} 仅剩的拍摄阶段：请改为取消整个订单。未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session} has items already in the works ({code}); it cannot be cancelled. Nothing was changed.</source>
        <translation>{session} 已有客件在制作中 ({code})，不能取消。未做任何更改。</translation>
    </message>
    <message>
        <source>Session {session}: a {kind} time needs its date.</source>
        <translation>{session}：选择{kind}时段时须同时填写日期。</translation>
    </message>
    <message>
        <source>the customer did not come to the shoot (rebook it first)</source>
        <translation>客人未到店拍摄 (请先改约)</translation>
    </message>
    <message>
        <source>its selection was already recorded</source>
        <translation>已登记过选片</translation>
    </message>
    <message>
        <source>the session is cancelled</source>
        <translation>该拍摄阶段已取消</translation>
    </message>
    <message>
        <source>it has not been shot yet</source>
        <translation>尚未拍摄</translation>
    </message>
    <message>
        <source>The selection of session {session} of order {number} cannot be recorded: {why}. Nothing was changed.</source>
        <translation>订单 {number} 的 {session} 无法登记选片:{why}。未做任何更改。</translation>
    </message>
    <message>
        <source>Staff member {id} does not exist or has left.</source>
        <translation>员工 {id} 不存在或已离职。</translation>
    </message>
    <message>
        <source>{name} is not a selection salesperson; choose one who is.</source>
        <translation>{name} 不是选片销售,请选择选片销售。</translation>
    </message>
    <message>
        <source>A payment cannot be negative.</source>
        <translation>收款金额不能为负数。</translation>
    </message>
    <message>
        <source>The number of photos chosen must be between 1 and {max}.</source>
        <translation>选片张数必须在 1 到 {max} 之间。</translation>
    </message>
    <message>
        <source>The selection needs a pickup date.</source>
        <translation>选片需要约定取件日期。</translation>
    </message>
    <message>
        <source>The pickup date {date} is before the selection ({today}).</source>
        <translation>取件日期 {date} 早于选片日 ({today})。</translation>
    </message>
    <message>
        <source>The pickup date {date} is more than a year away; check it.</source>
        <translation>取件日期 {date} 在一年以后,请核对。</translation>
    </message>
    <message>
        <source>Session {id} does not exist.</source>
        <translation>拍摄阶段 {id} 不存在。</translation>
    </message>
    <message>
        <source>Order {number} is cancelled; nothing was changed.</source>
        <translation>订单 {number} 已取消;未做任何更改。</translation>
    </message>
    <message>
        <source>The payment {paid} is more than is due ({due}); nothing was changed.</source>
        <translation>收款 {paid} 超过应收 ({due});未做任何更改。</translation>
    </message>
    <message>
        <source>Another station changed session {session} of order {number} at the same time; nothing was changed. Open the order again.</source>
        <translation>另一台电脑同时修改了订单 {number} 的 {session};未做任何更改。请重新打开订单。</translation>
    </message>
    <message>
        <source>Product type {id} does not exist or is no longer sold.</source>
        <translation>产品 {id} 不存在或已停售。</translation>
    </message>
    <message>
        <source>{product}: the quantity must be between 1 and {max}.</source>
        <translation>{product}:数量必须在 1 到 {max} 之间。</translation>
    </message>
    <message>
        <source>{product} has no extra price in the catalogue: type a price and a reason.</source>
        <translation>{product} 在目录中没有加选价:请输入价格和原因。</translation>
    </message>
    <message>
        <source>{product}: {price} fen instead of {list_price} fen: {reason}</source>
        <translation>{product}：{price} 分（定价 {list_price} 分）：{reason}</translation>
    </message>
    <message>
        <source>{product} is not sold as an extra in the catalogue: a price typed for it needs a reason.</source>
        <translation>{product} 在目录中不作加选销售:输入的价格需要填写原因。</translation>
    </message>
    <message>
        <source>{product}: a price typed by hand needs a reason (the catalogue&apos;s is {catalogue}).</source>
        <translation>{product}:手动改价需要填写原因 (目录价为 {catalogue})。</translation>
    </message>
    <message>
        <source>waiting for the customer to approve its design</source>
        <translation>正在等待客人确认设计</translation>
    </message>
    <message>
        <source>Shipment {number} does not exist.</source>
        <translation>发件单 {number} 不存在。</translation>
    </message>
    <message>
        <source>{code} is already at the lab {lab} (expected back {expected}); receive it first. Nothing changed.</source>
        <translation>{code} 已在厂商 {lab} 处 (预计 {expected} 回件)；请先回件。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} is {state}; it cannot be sent to a lab. Nothing changed.</source>
        <translation>{code} 的状态为{state}，不能发件。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} is {design}: it goes to a lab once the customer approves it. Nothing changed.</source>
        <translation>{code} {design}：客人确认后才能发件。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} is meant for {other}, not {lab}: put it on a shipment to {other}, or change its lab on the order. Nothing changed.</source>
        <translation>{code} 应发往 {other}，不是 {lab}：请放入发往 {other} 的发件单，或在订单中更改其厂商。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} is made in the studio, not by a lab. Nothing changed.</source>
        <translation>{code} 为店内制作，不经厂商。未做任何更改。</translation>
    </message>
    <message>
        <source>{code}: {customer} · {product} · {order}</source>
        <translation>{code}：{customer} · {product} · {order}</translation>
    </message>
    <message>
        <source>Shipment {number} was closed at {time}; nothing changed.</source>
        <translation>发件单 {number} 已于 {time} 关闭；未做任何更改。</translation>
    </message>
    <message>
        <source>Shipment {number} has no items yet: scan or tick items first.</source>
        <translation>发件单 {number} 还没有客件：请先扫描或勾选。</translation>
    </message>
    <message>
        <source>Shipment {number} was closed at {time}; start a new one. Nothing changed.</source>
        <translation>发件单 {number} 已于 {time} 关闭，请新建一张。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} is already in shipment {number} to {lab}, added by {staff} at {time}. Nothing changed.</source>
        <translation>{code} 已在发往 {lab} 的发件单 {number} 中 ({staff} 于 {time} 加入)。未做任何更改。</translation>
    </message>
    <message>
        <source>{lab} is no longer a lab the studio uses; choose another. Nothing changed.</source>
        <translation>本店已不再使用厂商 {lab}，请另选。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} was put on another shipment at another station just now; scan it again to see where.</source>
        <translation>{code} 刚刚在另一台电脑上被加入了其他发件单；请重新扫描查看。</translation>
    </message>
    <message>
        <source>That line is no longer on the shipment.</source>
        <translation>该行已不在发件单中。</translation>
    </message>
    <message>
        <source>lab {lab}; {n} lines</source>
        <translation>厂商 {lab}；{n} 行</translation>
    </message>
    <message>
        <source>{code} is on this shipment already; nothing changed.</source>
        <translation>{code} 已在此发件单中；未做任何更改。</translation>
    </message>
    <message>
        <source>{code} is at the lab already; nothing changed.</source>
        <translation>{code} 已在厂商处；未做任何更改。</translation>
    </message>
    <message>
        <source>change the catalogue</source>
        <translation>修改产品目录</translation>
    </message>
    <message>
        <source>book an order</source>
        <translation>开单</translation>
    </message>
    <message>
        <source>take a payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>add or change customers</source>
        <translation>新增或修改顾客资料</translation>
    </message>
    <message>
        <source>send, receive or check items</source>
        <translation>发件、回件或理件</translation>
    </message>
    <message>
        <source>hand items to the customer</source>
        <translation>给顾客取件</translation>
    </message>
    <message>
        <source>handle complaints and follow-ups</source>
        <translation>处理客诉和回访</translation>
    </message>
    <message>
        <source>approve a discount above the limit</source>
        <translation>批准超出上限的优惠</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>查看操作日志</translation>
    </message>
    <message>
        <source>change the studio&apos;s settings</source>
        <translation>修改影楼设置</translation>
    </message>
    <message>
        <source>restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>do the labs&apos; month-end</source>
        <translation>厂商月结对账</translation>
    </message>
    <message>
        <source>export the monthly workbook</source>
        <translation>导出月度报表</translation>
    </message>
    <message>
        <source>erase a customer&apos;s personal data</source>
        <translation>删除顾客个人信息</translation>
    </message>
    <message>
        <source>badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>window closed</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>Wrong manager name or PIN; nothing was approved.</source>
        <translation>店长姓名或 PIN 不对，未批准任何操作。</translation>
    </message>
    <message>
        <source>{name} as {role}</source>
        <translation>{name}，角色：{role}</translation>
    </message>
    <message>
        <source>{name} (locked)</source>
        <translation>{name}（已锁定）</translation>
    </message>
    <message>
        <source>{name} ({n} failures)</source>
        <translation>{name}（失败 {n} 次）</translation>
    </message>
    <message>
        <source>{name} (locked), from the command line</source>
        <translation>{name}（已锁定），在命令行解锁</translation>
    </message>
    <message>
        <source>{name} ({n} failures), from the command line</source>
        <translation>{name}（失败 {n} 次），在命令行解锁</translation>
    </message>
    <message>
        <source>switched to {name}</source>
        <translation>换成 {name}</translation>
    </message>
    <message>
        <source>by {how}, after {name}</source>
        <translation>用{how}登录，接替 {name}</translation>
    </message>
    <message>
        <source>by {how}</source>
        <translation>用{how}登录</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>tried during the wait ({seconds} s left)</source>
        <translation>等待期间再次尝试（还剩 {seconds} 秒）</translation>
    </message>
    <message>
        <source>manager badge without PIN</source>
        <translation>店长工牌未输入 PIN</translation>
    </message>
    <message>
        <source>locked, by badge</source>
        <translation>已锁定（刷工牌）</translation>
    </message>
    <message>
        <source>{why}</source>
        <translation>{why}</translation>
    </message>
    <message>
        <source>{name}: replaced</source>
        <translation>{name}：已换发</translation>
    </message>
    <message>
        <source>{name}: issued</source>
        <translation>{name}：已发放</translation>
    </message>
    <message>
        <source>unknown name &apos;{name}&apos;</source>
        <translation>未知姓名“{name}”</translation>
    </message>
    <message>
        <source>cannot log in</source>
        <translation>不能登录</translation>
    </message>
    <message>
        <source>wrong secret, by {how} ({n} in a row)</source>
        <translation>密码错误，用{how}登录（连续 {n} 次）</translation>
    </message>
    <message>
        <source>after {n} failures</source>
        <translation>连续失败 {n} 次后</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>另一个程序</translation>
    </message>
    <message>
        <source>{db} is being changed by {holders}. Wait until it has finished, then start StudioDesk again.</source>
        <translation>{db} 正在被 {holders} 修改。请等它完成后再启动 StudioDesk。</translation>
    </message>
    <message>
        <source>{db} is in use by {holders}; nothing was changed. Wait until it has finished, then try again.</source>
        <translation>{db} 正在被 {holders} 使用；未做任何更改。请等它完成后再试。</translation>
    </message>
    <message>
        <source>This StudioDesk must upgrade the database, but it is open in StudioDesk at {holders}; nothing was changed. Close StudioDesk there, then start it again here.</source>
        <translation>本 StudioDesk 需要升级数据库，但它已在 {holders} 的 StudioDesk 中打开；未做任何更改。请先关闭那里的 StudioDesk，再在本机重新启动。</translation>
    </message>
    <message>
        <source>The database is open in StudioDesk at {holders}; nothing was changed. Close StudioDesk there, then try again.</source>
        <translation>数据库已在 {holders} 的 StudioDesk 中打开；未做任何更改。请先关闭那里的 StudioDesk，然后再试。</translation>
    </message>
    <message>
        <source>{db} is open in StudioDesk at {holders}; nothing was changed. Close StudioDesk there, then try again.</source>
        <translation>{db} 已在 {holders} 的 StudioDesk 中打开；未做任何更改。请先关闭那里的 StudioDesk，然后再试。</translation>
    </message>
    <message>
        <source>{db} is open in another program (an older StudioDesk?); nothing was changed. Close it, then start StudioDesk again.</source>
        <translation>{db} 已被另一个程序打开（旧版 StudioDesk？）；未做任何更改。请关闭它，然后重新启动 StudioDesk。</translation>
    </message>
    <message>
        <source>The discount limit is a whole percent from 0 to 100.</source>
        <translation>优惠上限须为 0 到 100 之间的整数百分比。</translation>
    </message>
    <message>
        <source>The discount limit cannot be negative.</source>
        <translation>优惠上限不能为负数。</translation>
    </message>
    <message>
        <source>{percent}% and {fen} fen</source>
        <translation>{percent}% 和 {fen} 分</translation>
    </message>
    <message>
        <source>first run</source>
        <translation>首次运行</translation>
    </message>
    <message>
        <source>{n} survey answers changed.</source>
        <translation>已更改 {n} 条调查答案。</translation>
    </message>
    <message>
        <source>A question needs its text in Chinese or in English.</source>
        <translation>问题须填写中文或英文内容。</translation>
    </message>
    <message>
        <source>A choice question needs at least two answers to choose from.</source>
        <translation>选择题至少需要两个可选答案。</translation>
    </message>
    <message>
        <source>Answer “{question}” with yes or no.</source>
        <translation>“{question}”请回答是或否。</translation>
    </message>
    <message>
        <source>“{text}” is not one of the answers of “{question}”.</source>
        <translation>“{text}”不是“{question}”的可选答案。</translation>
    </message>
    <message>
        <source>{name} has not consented to the survey: answers are kept only with consent.</source>
        <translation>{name} 尚未同意资料调查：答案只在顾客同意后保存。</translation>
    </message>
    <message>
        <source>Survey question {id} does not exist.</source>
        <translation>调查问题 {id} 不存在。</translation>
    </message>
    <message>
        <source>“{text}” is not a date: write it as YYYY-MM-DD.</source>
        <translation>“{text}”不是日期：请写成 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>The customer&apos;s name</source>
        <translation>顾客姓名</translation>
    </message>
    <message>
        <source>The partner&apos;s name</source>
        <translation>配偶姓名</translation>
    </message>
    <message>
        <source>The address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>The family notes</source>
        <translation>家庭情况</translation>
    </message>
    <message>
        <source>The notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>A phone&apos;s label</source>
        <translation>电话标签</translation>
    </message>
    <message>
        <source>A session&apos;s name</source>
        <translation>拍摄阶段名称</translation>
    </message>
    <message>
        <source>The discount&apos;s reason</source>
        <translation>优惠原因</translation>
    </message>
    <message>
        <source>An extra&apos;s description</source>
        <translation>加选说明</translation>
    </message>
    <message>
        <source>The payment&apos;s note</source>
        <translation>收款备注</translation>
    </message>
    <message>
        <source>The reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The shelf</source>
        <translation>货架位置</translation>
    </message>
    <message>
        <source>The station&apos;s name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>The staff member&apos;s name</source>
        <translation>员工姓名</translation>
    </message>
    <message>
        <source>The studio&apos;s name</source>
        <translation>影楼名称</translation>
    </message>
    <message>
        <source>The setting</source>
        <translation>设置值</translation>
    </message>
    <message>
        <source>The product&apos;s name</source>
        <translation>产品名称</translation>
    </message>
    <message>
        <source>The lab&apos;s name</source>
        <translation>厂商名称</translation>
    </message>
    <message>
        <source>The package&apos;s name</source>
        <translation>套系名称</translation>
    </message>
    <message>
        <source>The lab&apos;s contact</source>
        <translation>厂商联系人</translation>
    </message>
    <message>
        <source>The lab&apos;s phone</source>
        <translation>厂商电话</translation>
    </message>
    <message>
        <source>The Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>The English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>A survey answer</source>
        <translation>调查答案</translation>
    </message>
    <message>
        <source>The question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>The answers to choose from</source>
        <translation>可选答案</translation>
    </message>
    <message>
        <source>{what} contains a character that cannot be stored (a NUL or half of a character); type it again.</source>
        <translation>{what}含有无法保存的字符（空字符或残缺字符），请重新输入。</translation>
    </message>
    <message>
        <source>{what} has {length} characters; at most {limit} fit.</source>
        <translation>{what}有 {length} 个字符，最多只能 {limit} 个。</translation>
    </message>
    <message>
        <source>{what} is empty.</source>
        <translation>{what}为空。</translation>
    </message>
    <message>
        <source>Order {id} does not exist.</source>
        <translation>订单 {id} 不存在。</translation>
    </message>
    <message>
        <source>Amounts are whole fen, not {type}.</source>
        <translation>金额必须是整数分，而不是 {type}。</translation>
    </message>
    <message>
        <source>A payment must be more than ¥0.00.</source>
        <translation>收款金额必须大于 ¥0.00。</translation>
    </message>
    <message>
        <source>Cancelling an order needs a reason.</source>
        <translation>取消订单需要填写原因。</translation>
    </message>
    <message>
        <source>Order {number} is already cancelled.</source>
        <translation>订单 {number} 已经取消。</translation>
    </message>
    <message>
        <source>Every item of order {number} was picked up; it cannot be cancelled.</source>
        <translation>订单 {number} 的客件已全部取走，不能取消。</translation>
    </message>
    <message>
        <source>Session {session}: the {later} date {d2} is before the {earlier} date {d1}.</source>
        <translation>拍摄阶段 {session}：{later}日期 {d2} 早于{earlier}日期 {d1}。</translation>
    </message>
    <message>
        <source>Every session needs a name.</source>
        <translation>每个拍摄阶段都需要名称。</translation>
    </message>
    <message>
        <source>An extra names session {n}, which the order does not have.</source>
        <translation>加选指定了第 {n} 个拍摄阶段，但订单没有这个阶段。</translation>
    </message>
    <message>
        <source>A refund cannot be more than what was paid.</source>
        <translation>退款不能超过已付金额。</translation>
    </message>
    <message>
        <source>A refund needs a reason.</source>
        <translation>退款需要填写原因。</translation>
    </message>
    <message>
        <source>cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>override a balance due</source>
        <translation>欠款放行</translation>
    </message>
    <message>
        <source>manage staff</source>
        <translation>管理员工</translation>
    </message>
    <message>
        <source>export customer data</source>
        <translation>导出顾客资料</translation>
    </message>
    <message>
        <source>counter</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>production</source>
        <translation>后期</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>{name} is locked after too many wrong tries; ask a manager to unlock it.</source>
        <translation>{name} 因多次输错已被锁定；请找店长解锁。</translation>
    </message>
    <message>
        <source>{name} ({role}) may not {act}; ask a manager.</source>
        <translation>{name}（{role}）无权{act}；请找店长。</translation>
    </message>
    <message>
        <source>A password or PIN cannot hold a NUL or half of a character; type it again.</source>
        <translation>密码或 PIN 不能含空字符或残缺字符，请重新输入。</translation>
    </message>
    <message>
        <source>A password or PIN needs at least {n} characters.</source>
        <translation>密码或 PIN 至少需要 {n} 位。</translation>
    </message>
    <message>
        <source>A staff member needs a name.</source>
        <translation>请填写员工姓名。</translation>
    </message>
    <message>
        <source>There is already a staff member called {name}.</source>
        <translation>已有名为 {name} 的员工。</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>姓名或密码错误。</translation>
    </message>
    <message>
        <source>Too many wrong tries: wait {seconds} s, then try again.</source>
        <translation>错误次数过多：请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>Badge {badge} belongs to nobody: it was replaced or withdrawn.</source>
        <translation>工牌 {badge} 无人使用：已被更换或停用。</translation>
    </message>
    <message>
        <source>{name} is a manager: a manager&apos;s badge needs the PIN too.</source>
        <translation>{name} 是店长：店长刷工牌后还需输入 PIN。</translation>
    </message>
    <message>
        <source>There is no staff member called {name}.</source>
        <translation>没有名为 {name} 的员工。</translation>
    </message>
    <message>
        <source>There is no staff member {id}.</source>
        <translation>没有编号为 {id} 的员工。</translation>
    </message>
    <message>
        <source>Only a manager may add staff.</source>
        <translation>只有店长可以添加员工。</translation>
    </message>
    <message>
        <source>The first account of a studio must be a manager.</source>
        <translation>影楼的第一个账号必须是店长。</translation>
    </message>
    <message>
        <source>This studio is already set up.</source>
        <translation>此影楼已设置完成。</translation>
    </message>
    <message>
        <source>The studio needs a name.</source>
        <translation>请填写影楼名称。</translation>
    </message>
    <message>
        <source>The database is busy (another station or a backup is writing). Nothing was saved; try again in a moment.</source>
        <translation>数据库正忙（其他电脑或备份正在写入）。未保存任何内容，请稍后再试。</translation>
    </message>
    <message>
        <source>The database cannot be reached right now. Nothing was saved; what you typed is still on screen. Check the network or the disk, then try again.</source>
        <translation>暂时连不上数据库。未保存任何内容，刚才输入的内容仍在屏幕上。请检查网络或磁盘后再试。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>{suffix} file</source>
        <translation>{suffix} 文件</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>follow-up</name>
    <message>
        <source>After the shoot</source>
        <translation>拍摄后</translation>
    </message>
    <message>
        <source>After the selection</source>
        <translation>选片后</translation>
    </message>
    <message>
        <source>After pickup</source>
        <translation>取件后</translation>
    </message>
    <message>
        <source>Annual call</source>
        <translation>年度回访</translation>
    </message>
</context>
<context>
    <name>lists</name>
    <message>
        <source>Complaint categories</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <source>Rework reasons</source>
        <translation>返工原因</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>The studio&apos;s database {path} is not there (a disk not connected, or the file moved). Nothing was changed. Connect the disk and start StudioDesk again, or choose where to work now.</source>
        <translation>影楼的数据库 {path} 不在（硬盘没有连接，或者文件被移走了）。未做任何更改。请连接硬盘后重新启动 StudioDesk，或者选择现在在哪里工作。</translation>
    </message>
    <message>
        <source>The database {db} could not be opened: {error}. Nothing was changed. Check the path or the network, then start StudioDesk again.</source>
        <translation>无法打开数据库 {db}：{error}。未做任何更改。请检查路径或网络，然后重新启动 StudioDesk。</translation>
    </message>
    <message>
        <source>Building the demo studio…</source>
        <translation>正在创建示范影楼…</translation>
    </message>
</context>
<context>
    <name>money</name>
    <message>
        <source>refund {amount}</source>
        <translation>应退 {amount}</translation>
    </message>
</context>
<context>
    <name>outbox</name>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>发送失败</translation>
    </message>
</context>
<context>
    <name>package</name>
    <message>
        <source>Single shoot</source>
        <translation>单次拍摄</translation>
    </message>
    <message>
        <source>Growth package (several sessions)</source>
        <translation>成长套（多次拍摄）</translation>
    </message>
</context>
<context>
    <name>payment</name>
    <message>
        <source>Deposit</source>
        <translation>订金</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>尾款</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
</context>
<context>
    <name>position</name>
    <message>
        <source>Photographer</source>
        <translation>摄影师</translation>
    </message>
    <message>
        <source>Make-up artist</source>
        <translation>化妆师</translation>
    </message>
    <message>
        <source>Selection sales</source>
        <translation>选片销售</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>门市前台</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>后期制作</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>客服</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>套系</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>拍摄阶段</translation>
    </message>
    <message>
        <source>Shoot</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选片</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>取件</translation>
    </message>
    <message>
        <source>Pickup receipt</source>
        <translation>取件单</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>交件时间</translation>
    </message>
    <message>
        <source>Handed over by</source>
        <translation>经手人</translation>
    </message>
    <message>
        <source>Items handed over ({count})</source>
        <translation>已交付客件（{count}）</translation>
    </message>
    <message>
        <source>Items still owed ({count})</source>
        <translation>尚欠客件（{count}）</translation>
    </message>
    <message>
        <source>Nothing is owed: the order is complete.</source>
        <translation>无欠件：订单已全部交付。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>客件</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预计</translation>
    </message>
    <message>
        <source>not yet known</source>
        <translation>尚未确定</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总价</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>待付余额</translation>
    </message>
    <message>
        <source>Handed over with {due} due, approved by {manager}: {reason}</source>
        <translation>尚欠 {due} 时交件，经 {manager} 特批：{reason}</translation>
    </message>
    <message>
        <source>We will send you a message when the rest is ready. Bring this receipt or any product label.</source>
        <translation>其余客件可取时我们会通知您。届时请携带本取件单或任一产品标签。</translation>
    </message>
    <message>
        <source>Customer&apos;s signature</source>
        <translation>顾客签名</translation>
    </message>
    <message>
        <source>Bring this slip, or any product label, to pick up. Scan it to see the whole order.</source>
        <translation>取件时请带上本凭条或任一产品标签；扫描即可查看整张订单。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>收款人</translation>
    </message>
    <message>
        <source>Amount received</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <source>Amount received in capitals</source>
        <translation>实收人民币（大写）</translation>
    </message>
    <message>
        <source>In figures</source>
        <translation>小写</translation>
    </message>
    <message>
        <source>Order slip</source>
        <translation>订单凭条</translation>
    </message>
    <message>
        <source>Shipment list No. {number}</source>
        <translation>发件单 第 {number} 号</translation>
    </message>
    <message>
        <source>Lab: {lab}</source>
        <translation>厂商：{lab}</translation>
    </message>
    <message>
        <source>Date: {date}</source>
        <translation>日期：{date}</translation>
    </message>
    <message>
        <source>Sent by: {staff}</source>
        <translation>发件人：{staff}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Lab price</source>
        <translation>厂商价</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>无价格</translation>
    </message>
    <message>
        <source>{count} items, total {total}</source>
        <translation>共 {count} 件，合计 {total}</translation>
    </message>
    <message>
        <source>{count} without a price</source>
        <translation>{count} 件无价格</translation>
    </message>
    <message>
        <source>Courier signature</source>
        <translation>送件人签名</translation>
    </message>
    <message>
        <source>Received by the lab</source>
        <translation>厂商签收</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>No-show, to rebook</source>
        <translation>未到店,待改约</translation>
    </message>
    <message>
        <source>Shot</source>
        <translation>已拍照</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>已选片</translation>
    </message>
    <message>
        <source>Awaiting design approval</source>
        <translation>待确认设计</translation>
    </message>
    <message>
        <source>In production</source>
        <translation>制作中</translation>
    </message>
    <message>
        <source>Ready for pickup</source>
        <translation>待取件</translation>
    </message>
    <message>
        <source>Partly picked up</source>
        <translation>部分已取</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>reminder</name>
    <message>
        <source>Shoot</source>
        <translation>拍摄</translation>
    </message>
    <message>
        <source>Photo selection</source>
        <translation>选片</translation>
    </message>
    <message>
        <source>Promised pickup date</source>
        <translation>约定取件日</translation>
    </message>
    <message>
        <source>All items ready</source>
        <translation>客件全部可取</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Wedding anniversary</source>
        <translation>结婚纪念日</translation>
    </message>
    <message>
        <source>Follow-up call due</source>
        <translation>到期回访</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>待付余额</translation>
    </message>
    <message>
        <source>Ready but not collected</source>
        <translation>可取未取</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
</context>
<context>
    <name>role</name>
    <message>
        <source>Counter</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>后期</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
</context>
<context>
    <name>scan</name>
    <message>
        <source>That is not a staff badge: scan your badge or pick your name.</source>
        <translation>这不是员工工牌：请刷工牌或选择姓名。</translation>
    </message>
    <message>
        <source>Badge read: now type your PIN.</source>
        <translation>已读取工牌，请输入密码。</translation>
    </message>
    <message>
        <source>{number} · {customer}: {ready} of {total} ready</source>
        <translation>{number} · {customer}：{total} 件中 {ready} 件可取</translation>
    </message>
    <message>
        <source>Scanner works: {code}</source>
        <translation>扫描枪正常：{code}</translation>
    </message>
    <message>
        <source>Close the open window first, then scan again. Nothing changed.</source>
        <translation>请先关闭打开的窗口，再重新扫描。未做任何更改。</translation>
    </message>
    <message>
        <source>This tab does not take scans. Nothing changed.</source>
        <translation>此页面不接收扫描。未做任何更改。</translation>
    </message>
    <message>
        <source>Nobody is signed in: sign in first, then scan again.</source>
        <translation>尚未登录：请先登录，再重新扫描。</translation>
    </message>
    <message>
        <source>{name} is working at this station now</source>
        <translation>现在由 {name} 在本机工作</translation>
    </message>
    <message>
        <source>{code} ticked: {product}</source>
        <translation>已勾选 {code}:{product}</translation>
    </message>
    <message>
        <source>{code} is not an item of order {number}. Nothing changed.</source>
        <translation>{code} 不是订单 {number} 的产品。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} needs no design approval. Nothing changed.</source>
        <translation>{code} 无需确认设计。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} is cancelled: its design needs no approval. Nothing changed.</source>
        <translation>{code} 已取消,设计无需确认。未做任何更改。</translation>
    </message>
    <message>
        <source>Scan an item&apos;s label to tick it. Nothing changed.</source>
        <translation>请扫描产品标签来勾选。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} · {customer} · {product} · order {order}: {result}</source>
        <translation>{code} · {customer} · {product} · 订单 {order}：{result}</translation>
    </message>
    <message>
        <source>{code} · {customer} · {product} · order {order}: press the number of the rework reason (Esc: not for rework)</source>
        <translation>{code} · {customer} · {product} · 订单 {order}：请按返工原因的数字键 (Esc：不返工)</translation>
    </message>
    <message>
        <source>First pick the rework reason for {code} (its number key), or press Esc. Nothing changed.</source>
        <translation>请先为 {code} 选择返工原因 (按数字键)，或按 Esc。未做任何更改。</translation>
    </message>
    <message>
        <source>“Other”: type what is wrong with {code}, then press Enter.</source>
        <translation>“其他”：请输入 {code} 的问题，然后按 Enter。</translation>
    </message>
    <message>
        <source>{code}: {customer} · {product} · {order}</source>
        <translation>{code}：{customer} · {product} · {order}</translation>
    </message>
    <message>
        <source>Choose the lab first, then scan. Nothing changed.</source>
        <translation>请先选择厂商，再扫描。未做任何更改。</translation>
    </message>
    <message>
        <source>This page does not take scans: go to Receive &amp; check (or Send out) and scan again. Nothing changed.</source>
        <translation>此页面不接受扫描：请到“回件 &amp; 理件” (或“发件”) 页面重新扫描。未做任何更改。</translation>
    </message>
    <message>
        <source>{code} of {name} ticked: the complaint is about it</source>
        <translation>已勾选 {name} 的 {code}：客诉涉及此客件</translation>
    </message>
    <message>
        <source>{code} belongs to {name}, not to the customer chosen. Nothing changed.</source>
        <translation>{code} 属于 {name}，不是所选顾客的客件。未做任何更改。</translation>
    </message>
    <message>
        <source>Order {order} · {customer}: {ready} of {open} items ready</source>
        <translation>订单 {order} · {customer}：{open} 件中 {ready} 件可取</translation>
    </message>
    <message>
        <source>That label is of another order: now showing order {order} · {customer}. Nothing was handed over.</source>
        <translation>该标签属于另一个订单：现在显示订单 {order} · {customer}。未交件。</translation>
    </message>
    <message>
        <source>Order {order} is not complete ({ready} of {open} ready): tick the items to take and press F12. Nothing was handed over.</source>
        <translation>订单 {order} 尚未齐件（{open} 件中 {ready} 件可取）：请勾选要取走的客件后按 F12。未交件。</translation>
    </message>
    <message>
        <source>Order {order} still owes {due}: take it here (F9) or a manager overrides (F10). Nothing was handed over.</source>
        <translation>订单 {order} 尚欠 {due}：请在此收款 (F9)或由店长特批 (F10)。未交件。</translation>
    </message>
    <message>
        <source>Order {order}: {count} items handed over</source>
        <translation>订单 {order}：已交付 {count} 件</translation>
    </message>
    <message>
        <source>Order {order} has nothing left to hand over. Nothing changed.</source>
        <translation>订单 {order} 已无可交付的客件。未做任何更改。</translation>
    </message>
</context>
<context>
    <name>session</name>
    <message>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>未到店</translation>
    </message>
    <message>
        <source>Shot</source>
        <translation>已拍摄</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>已选片</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>session change</name>
    <message>
        <source>Scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <source>Rescheduled</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation>未到店</translation>
    </message>
    <message>
        <source>Shot</source>
        <translation>已拍摄</translation>
    </message>
    <message>
        <source>Photos selected</source>
        <translation>已选片</translation>
    </message>
    <message>
        <source>Session cancelled</source>
        <translation>取消拍摄</translation>
    </message>
    <message>
        <source>Staff assigned</source>
        <translation>安排人员</translation>
    </message>
</context>
<context>
    <name>settings_transfer</name>
    <message>
        <source>Import settings</source>
        <translation>导入设置</translation>
    </message>
    <message>
        <source>StudioDesk settings (*.json)</source>
        <translation>StudioDesk 设置 (*.json)</translation>
    </message>
    <message>
        <source>Export settings</source>
        <translation>导出设置</translation>
    </message>
</context>
<context>
    <name>slot</name>
    <message>
        <source>Shoot</source>
        <translation>拍摄</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选片</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Waiting</source>
        <translation>待制作</translation>
    </message>
    <message>
        <source>At the lab</source>
        <translation>已发件</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已回件</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>待取件</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>已取件</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>survey</name>
    <message>
        <source>Before the shoot</source>
        <translation>拍摄前</translation>
    </message>
    <message>
        <source>During the shoot</source>
        <translation>拍摄中</translation>
    </message>
    <message>
        <source>After the shoot</source>
        <translation>拍摄后</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选择题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Yes / no</source>
        <translation>是 / 否</translation>
    </message>
</context>
<context>
    <name>tier</name>
    <message>
        <source>Most valuable</source>
        <translation>最有价值</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>最具增长性</translation>
    </message>
    <message>
        <source>Low contribution</source>
        <translation>低贡献</translation>
    </message>
    <message>
        <source>Negative value</source>
        <translation>负值客户</translation>
    </message>
</context>
</TS>
