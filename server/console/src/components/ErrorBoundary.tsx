// A page that throws while rendering shows what went wrong and a way out, never a blank screen.
import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title="页面显示出错 (this page failed to render)"
        subTitle={this.state.error.message}
        extra={<Button onClick={() => location.reload()}>重新加载</Button>}
        data-testid="render-error"
      />
    );
  }
}
