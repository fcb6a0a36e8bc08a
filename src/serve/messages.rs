//! What `serve` and the desk say to a browser or an editor, Chinese first, English second,
//! all in one place (to move into the commands' catalogue as a whole).

pub const BUSY: &str = "服务器忙，请一秒后再试 / busy: try again in a second\n";
pub const HEAD_TOO_LARGE: &str =
    "请求头过大（最多16 KiB）/ request header fields too large (16 KiB at most)\n";
pub const BODY_TOO_LARGE: &str =
    "请求内容过大（最多32 MiB）/ the body is too large (32 MiB at most)\n";
pub const LENGTH_REQUIRED: &str = "请附上 Content-Length / send the body with a Content-Length\n";
pub const BAD_LENGTH: &str = "Content-Length 无效 / bad Content-Length\n";
pub const BAD_REQUEST: &str = "请求格式错误 / bad request\n";
pub const ONLY_GET: &str = "这里只接受 GET 和 HEAD / only GET and HEAD here\n";
pub const LEAVES_SITE: &str = "已拒绝：路径超出网站范围 / refused: the path leaves the site\n";

// The desk.
pub const FOREIGN_HOST: &str =
    "已拒绝：编辑台只接受 127.0.0.1 或 localhost 的请求 / refused: the desk answers requests for 127.0.0.1 or localhost only\n";
pub const FOREIGN_ORIGIN: &str =
    "已拒绝：请求来自其他网站 / refused: the request comes from another site\n";
pub const NO_TOKEN: &str =
    "已拒绝：缺少或错误的编辑台口令，请打开 serve 显示的编辑台地址 / refused: the desk's token is missing or wrong; open the desk address serve printed\n";
pub const WRONG_METHOD: &str = "请求方法不对 / wrong method for this address\n";
pub const NO_SUCH_DESK_PAGE: &str = "编辑台没有这个地址 / the desk has no such address\n";
pub const NOT_UTF8: &str = "内容不是 UTF-8 文本 / the text is not UTF-8\n";
pub const NO_SUCH_ARTICLE: &str =
    "没有这篇稿件（只能打开 content/articles/ 里的 .md 文件）/ no such article file (only the .md files of content/articles/)\n";
pub const CHANGED_ON_DISK: &str =
    "未保存：打开之后，文件在磁盘上被改过。请复制你的修改，重新打开再保存 / not saved: the file changed on disk since you opened it; copy your changes, open it again and save\n";
pub const NOT_SAVED: &str = "未保存 / not saved: ";
pub const NO_FILE_NAME: &str = "请拖入一个有名字的文件 / drop a file with a name\n";
pub const NOT_IMPORTED: &str = "未导入 / not imported: ";
pub const NO_RUNNING_TEXT: &str = "没有找到正文，未写入 / no running text found, nothing written\n";
pub const CANNOT_OPEN: &str =
    "无法作为表单打开，请先修正 / cannot open as a form; fix this first: ";
pub const BAD_FORM: &str = "表单内容有误 / the form sent is malformed: ";
pub const NOT_RECORDED: &str = "未记录 / not recorded:\n";
